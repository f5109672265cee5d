using Confluent.Kafka;

namespace BillForU.Streaming.Kafka.Streams;

/// <summary>
/// One Kafka record read by a partition reader: the decoded batch, or the reason it could not be
/// decoded, plus what a failover or dead-letter hand-off needs to re-produce it unchanged.
/// </summary>
internal sealed class KafkaInboundMessage
{
    public required long Offset { get; init; }

    public required byte[]? Key { get; init; }

    public required byte[]? Value { get; init; }

    public required Headers Headers { get; init; }

    /// <summary>The decoded events, or null when <see cref="PoisonReason"/> says why not.</summary>
    public KafkaBatchContainer? Container { get; init; }

    public string? PoisonReason { get; init; }

    /// <summary>Failover round of this record, 0 for a record of the main topic.</summary>
    public int Attempt { get; init; }

    /// <summary>Earliest re-delivery time of a failover record.</summary>
    public DateTimeOffset NotBefore { get; init; }

    /// <summary>Set once the record was handed to the failover or dead-letter topic, so that it is handed over once.</summary>
    public bool HandedOff { get; set; }
}
