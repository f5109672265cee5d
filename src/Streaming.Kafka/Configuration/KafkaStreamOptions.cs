using Confluent.Kafka;

namespace Orleans.Configuration;

/// <summary>
/// Settings of one Kafka persistent stream provider. Bind them from configuration
/// (for example <c>ob.BindConfiguration("Orleans:Streaming:Kafka")</c>) or set them in code.
/// </summary>
/// <remarks>
/// Delivery is at-least-once: a partition's offset is committed only after every event before it
/// was delivered to its consumers (or handed to the failover or dead-letter topic), so a new owner
/// of the partition may deliver again what was delivered but not yet committed. Events of one
/// stream id keep their order because the stream id is the message key and every message of a
/// stream goes to the one partition that the Orleans queue mapper picks for it. An event that
/// keeps failing is re-delivered later through the failover topic, out of order with the events
/// that followed it.
/// </remarks>
public sealed class KafkaStreamOptions
{
    /// <summary>Default partition count of the main topic: one Orleans queue per partition.</summary>
    public const int DefaultTopicPartitions = 3;

    /// <summary>Default partition count of the failover topic.</summary>
    public const int DefaultFailoverTopicPartitions = 3;

    /// <summary>Default partition count of the dead-letter topic.</summary>
    public const int DefaultDeadLetterTopicPartitions = 1;

    /// <summary>Default replication factor of created topics: -1 lets the broker choose.</summary>
    public const short DefaultReplicationFactor = -1;

    /// <summary>Default number of messages read ahead of the Orleans cache, per partition.</summary>
    public const int DefaultReceiverBufferSize = 4096;

    /// <summary>Default bytes of records (keys and values) read ahead of the Orleans cache, per partition.</summary>
    public const long DefaultReceiverBufferBytes = 16L * 1024 * 1024;

    /// <summary>Default number of messages the Orleans cache of one partition holds.</summary>
    public const int DefaultCacheSize = 128;

    /// <summary>Default time the producer waits to fill a batch, in milliseconds.</summary>
    public const int DefaultProducerLingerMs = 5;

    /// <summary>Default upper bound of one producer batch, in bytes.</summary>
    public const int DefaultProducerBatchSizeBytes = 1024 * 1024;

    /// <summary>Default compression of produced batches.</summary>
    public const CompressionType DefaultCompression = CompressionType.Lz4;

    /// <summary>Default number of failover rounds before an event goes to the dead-letter topic.</summary>
    public const int DefaultMaxFailoverAttempts = 3;

    /// <summary>Default time the topics check at start may take before start-up fails.</summary>
    public static readonly TimeSpan DefaultStartupTimeout = TimeSpan.FromSeconds(15);

    /// <summary>Default delay before the first failover re-delivery; it doubles on each further attempt.</summary>
    public static readonly TimeSpan DefaultFailoverBackoff = TimeSpan.FromSeconds(5);

    /// <summary>Default interval of the background offset commit.</summary>
    public static readonly TimeSpan DefaultCommitInterval = TimeSpan.FromSeconds(1);

    /// <summary>Kafka bootstrap servers, <c>host:port[,host:port…]</c>. Required.</summary>
    public string BootstrapServers { get; set; } = "";

    /// <summary>The topic that carries the stream events. Required.</summary>
    public string Topic { get; set; } = "";

    /// <summary>The topic of deliveries to retry; <c>{Topic}-failover</c> when not set.</summary>
    public string? FailoverTopic { get; set; }

    /// <summary>The topic of events that could not be delivered or read; <c>{Topic}-dlt</c> when not set.</summary>
    public string? DeadLetterTopic { get; set; }

    /// <summary>Partitions of <see cref="Topic"/>; must match the topic when it already exists.</summary>
    public int TopicPartitions { get; set; } = DefaultTopicPartitions;

    /// <summary>Partitions of the failover topic; must match the topic when it already exists.</summary>
    public int FailoverTopicPartitions { get; set; } = DefaultFailoverTopicPartitions;

    /// <summary>Partitions of the dead-letter topic, used when the provider creates it.</summary>
    public int DeadLetterTopicPartitions { get; set; } = DefaultDeadLetterTopicPartitions;

    /// <summary>Replication factor of topics the provider creates.</summary>
    public short ReplicationFactor { get; set; } = DefaultReplicationFactor;

    /// <summary>Whether missing topics are created at start. When false they must exist.</summary>
    public bool CreateTopics { get; set; } = true;

    /// <summary>Consumer group whose committed offsets the silos resume from; <c>{ServiceId}-{provider name}</c> when not set.</summary>
    public string? ConsumerGroupId { get; set; }

    /// <summary>Messages read ahead of the Orleans cache per partition; bounds memory per queue.</summary>
    public int ReceiverBufferSize { get; set; } = DefaultReceiverBufferSize;

    /// <summary>
    /// Bytes of records (keys and values as read) held ahead of the Orleans cache per partition. A message may carry
    /// many events, so a count alone does not bound memory: 4,096 messages of 500 events each would be two million
    /// events decoded in memory per partition while the consumers work through a backlog. A record larger than this
    /// is still read, alone.
    /// </summary>
    public long ReceiverBufferBytes { get; set; } = DefaultReceiverBufferBytes;

    /// <summary>
    /// Messages held by the Orleans cache of one partition: read, and not yet delivered to every consumer of their stream.
    /// The pulling agent reads again as soon as the cache has room, so a small cache does not slow delivery; it bounds
    /// how far reading runs ahead of the slowest stream of the partition. Orleans' own default (4,096) suits messages of
    /// one event.
    /// </summary>
    public int CacheSize { get; set; } = DefaultCacheSize;

    /// <summary>Producer <c>linger.ms</c>.</summary>
    public int ProducerLingerMs { get; set; } = DefaultProducerLingerMs;

    /// <summary>Producer <c>batch.size</c> in bytes.</summary>
    public int ProducerBatchSizeBytes { get; set; } = DefaultProducerBatchSizeBytes;

    /// <summary>Producer <c>compression.type</c>.</summary>
    public CompressionType Compression { get; set; } = DefaultCompression;

    /// <summary>Failover rounds an event gets before it goes to the dead-letter topic.</summary>
    public int MaxFailoverAttempts { get; set; } = DefaultMaxFailoverAttempts;

    /// <summary>Delay before the first failover re-delivery; doubled on each further attempt.</summary>
    public TimeSpan FailoverBackoff { get; set; } = DefaultFailoverBackoff;

    /// <summary>How long the broker check at start may take before start-up fails with an error.</summary>
    public TimeSpan StartupTimeout { get; set; } = DefaultStartupTimeout;

    /// <summary>Interval of the background commit of delivered offsets.</summary>
    public TimeSpan CommitInterval { get; set; } = DefaultCommitInterval;

    /// <summary>
    /// A request-context key this provider sets to <c>true</c> on a delivery that may repeat one made before: a record
    /// that was already in its partition when this silo took the partition (a previous owner may have delivered it
    /// without committing it, and then stopped or died), the pulling agent's retry of a delivery that failed, or a
    /// re-delivery from the failover topic. With several consumers on one stream, all but the first are marked too:
    /// a mark means "may", never "is". A consumer reads it with <c>RequestContext.Get</c> to spend on a possible repeat
    /// what a first delivery does not need; a record read for the first time carries nothing, so the common case costs
    /// nothing. Not set: nothing is marked.
    /// </summary>
    public string? RedeliveryContextKey { get; set; }

    /// <summary>
    /// Further librdkafka settings passed to the producer, the consumers and the admin client
    /// (for example <c>security.protocol</c>, <c>sasl.mechanism</c>, <c>sasl.username</c>,
    /// <c>sasl.password</c>). Redacted from option logs because they may hold secrets.
    /// </summary>
    [Redact]
    public Dictionary<string, string> KafkaSettings { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Further librdkafka settings for the consumers only (for example <c>fetch.wait.max.ms</c>).</summary>
    public Dictionary<string, string> ConsumerSettings { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Further librdkafka settings for the producer only (for example <c>queue.buffering.max.messages</c>).</summary>
    public Dictionary<string, string> ProducerSettings { get; set; } = new(StringComparer.Ordinal);

    internal string ResolvedFailoverTopic => string.IsNullOrWhiteSpace(FailoverTopic) ? $"{Topic}-failover" : FailoverTopic;

    internal string ResolvedDeadLetterTopic => string.IsNullOrWhiteSpace(DeadLetterTopic) ? $"{Topic}-dlt" : DeadLetterTopic;
}
