namespace Orleans.Configuration;

/// <summary>
/// Fails silo and client start-up with the name of the first wrong <see cref="KafkaStreamOptions"/> property.
/// </summary>
/// <param name="options">The provider's options.</param>
/// <param name="providerName">The provider's name, for the message.</param>
/// <param name="pullingAgentOptions">The provider's pulling agent options on a silo; null on a client.</param>
internal sealed class KafkaStreamOptionsValidator(KafkaStreamOptions options, string providerName, StreamPullingAgentOptions? pullingAgentOptions = null)
    : IConfigurationValidator
{
    // The provider's delivery guarantees rest on these; a pass-through value would silently break them.
    private static readonly string[] ProviderOwnedSettings =
    [
        "bootstrap.servers", "group.id", "enable.auto.commit", "enable.auto.offset.store",
        "auto.offset.reset", "enable.idempotence", "acks", "enable.partition.eof",
    ];

    public void ValidateConfiguration()
    {
        Require(!string.IsNullOrWhiteSpace(options.BootstrapServers), nameof(options.BootstrapServers), "is required");
        Require(!string.IsNullOrWhiteSpace(options.Topic), nameof(options.Topic), "is required");
        Require(options.TopicPartitions >= 1, nameof(options.TopicPartitions), "must be at least 1");
        Require(options.FailoverTopicPartitions >= 1, nameof(options.FailoverTopicPartitions), "must be at least 1");
        Require(options.DeadLetterTopicPartitions >= 1, nameof(options.DeadLetterTopicPartitions), "must be at least 1");
        Require(options.ReplicationFactor is -1 or >= 1, nameof(options.ReplicationFactor), "must be -1 (broker default) or at least 1");
        Require(
            options.ResolvedFailoverTopic != options.Topic && options.ResolvedDeadLetterTopic != options.Topic
                && options.ResolvedFailoverTopic != options.ResolvedDeadLetterTopic,
            nameof(options.FailoverTopic),
            "and DeadLetterTopic must differ from each other and from Topic");
        Require(options.ReceiverBufferSize >= 1, nameof(options.ReceiverBufferSize), "must be at least 1");
        Require(options.ReceiverBufferBytes >= 1, nameof(options.ReceiverBufferBytes), "must be at least 1");
        Require(options.CacheSize >= 10, nameof(options.CacheSize), "must be at least 10 (the cache adds a tenth of its size per read)");
        Require(options.ProducerLingerMs >= 0, nameof(options.ProducerLingerMs), "must not be negative");
        Require(options.ProducerBatchSizeBytes >= 1, nameof(options.ProducerBatchSizeBytes), "must be at least 1");
        Require(options.MaxFailoverAttempts >= 1, nameof(options.MaxFailoverAttempts), "must be at least 1");
        Require(options.FailoverBackoff >= TimeSpan.Zero, nameof(options.FailoverBackoff), "must not be negative");
        Require(options.StartupTimeout > TimeSpan.Zero, nameof(options.StartupTimeout), "must be positive");
        Require(options.CommitInterval > TimeSpan.Zero, nameof(options.CommitInterval), "must be positive");

        // A failed delivery is handed to the failover topic per Kafka record; a batch of batches has no single record.
        if (pullingAgentOptions is { BatchContainerBatchSize: > 1 })
        {
            throw new OrleansConfigurationException(
                $"{nameof(StreamPullingAgentOptions)}.{nameof(StreamPullingAgentOptions.BatchContainerBatchSize)} of Kafka stream provider " +
                $"'{providerName}' must be 1; batch events per message with OnNextBatchAsync instead.");
        }

        RequireNotOwned(options.KafkaSettings, nameof(options.KafkaSettings));
        RequireNotOwned(options.ConsumerSettings, nameof(options.ConsumerSettings));
        RequireNotOwned(options.ProducerSettings, nameof(options.ProducerSettings));
    }

    private void RequireNotOwned(Dictionary<string, string> settings, string property)
    {
        var owned = settings.Keys.FirstOrDefault(key => ProviderOwnedSettings.Contains(key, StringComparer.Ordinal));
        Require(owned is null, property, $"must not set '{owned}': the provider sets it to keep its delivery guarantees");
    }

    private void Require(bool condition, string property, string problem)
    {
        if (!condition)
        {
            throw new OrleansConfigurationException(
                $"{nameof(KafkaStreamOptions)}.{property} of Kafka stream provider '{providerName}' {problem}.");
        }
    }
}
