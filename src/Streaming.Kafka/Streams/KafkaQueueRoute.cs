namespace BillForU.Streaming.Kafka.Streams;

/// <summary>The Kafka partition behind one Orleans queue.</summary>
/// <param name="Topic">Topic of the partition.</param>
/// <param name="Partition">Partition number.</param>
/// <param name="IsFailover">Whether this is a partition of the failover topic, whose messages wait for their backoff.</param>
internal sealed record KafkaQueueRoute(string Topic, int Partition, bool IsFailover);
