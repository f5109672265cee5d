namespace BillForU.Streaming.Kafka;

/// <summary>
/// Header names the provider writes on failover and dead-letter messages, for tools that read,
/// list or replay those topics. Values are UTF-8 text.
/// </summary>
public static class KafkaStreamHeaders
{
    /// <summary>Why the message left the main flow, for example a delivery or deserialization failure.</summary>
    public const string Reason = "orleans-stream-reason";

    /// <summary>Topic of the record that failed at this hop.</summary>
    public const string SourceTopic = "orleans-stream-source-topic";

    /// <summary>Partition of the record that failed at this hop.</summary>
    public const string SourcePartition = "orleans-stream-source-partition";

    /// <summary>Offset of the record that failed at this hop.</summary>
    public const string SourceOffset = "orleans-stream-source-offset";

    /// <summary>Topic where the event was first produced.</summary>
    public const string OriginTopic = "orleans-stream-origin-topic";

    /// <summary>Partition where the event was first produced.</summary>
    public const string OriginPartition = "orleans-stream-origin-partition";

    /// <summary>Offset where the event was first produced.</summary>
    public const string OriginOffset = "orleans-stream-origin-offset";

    /// <summary>Failover round of this message, starting at 1.</summary>
    public const string Attempt = "orleans-stream-attempt";

    /// <summary>Earliest re-delivery time of a failover message, Unix milliseconds.</summary>
    public const string NotBefore = "orleans-stream-not-before";
}
