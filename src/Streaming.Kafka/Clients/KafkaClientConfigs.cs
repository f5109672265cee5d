using System.Globalization;
using Confluent.Kafka;
using Orleans.Configuration;

namespace BillForU.Streaming.Kafka.Clients;

/// <summary>
/// Builds the librdkafka settings of the provider's clients: pass-through settings first, then the
/// settings the provider's guarantees depend on, so those cannot be overridden by accident.
/// </summary>
internal static class KafkaClientConfigs
{
    public static ProducerConfig Producer(KafkaStreamOptions options, string providerName)
    {
        var config = new ProducerConfig(Common(options, providerName, "producer", options.ProducerSettings))
        {
            EnableIdempotence = true,
            Acks = Acks.All,
            CompressionType = options.Compression,
            LingerMs = options.ProducerLingerMs,
            BatchSize = options.ProducerBatchSizeBytes,
        };
        return config;
    }

    public static ConsumerConfig Consumer(KafkaStreamOptions options, string providerName, string groupId, string queue)
    {
        var config = new ConsumerConfig(Common(options, providerName, queue, options.ConsumerSettings))
        {
            GroupId = groupId,
            // Offsets are stored by the receiver only once the cache released them, then committed in the background.
            EnableAutoCommit = true,
            EnableAutoOffsetStore = false,
            AutoCommitIntervalMs = (int)options.CommitInterval.TotalMilliseconds,
            // An out-of-range reset is data loss: surface it to the receiver instead of skipping silently.
            AutoOffsetReset = AutoOffsetReset.Error,
            EnablePartitionEof = false,
        };
        return config;
    }

    public static AdminClientConfig Admin(KafkaStreamOptions options, string providerName) =>
        new(Common(options, providerName, "admin", []));

    private static Dictionary<string, string> Common(KafkaStreamOptions options, string providerName, string role, Dictionary<string, string> specific)
    {
        var settings = new Dictionary<string, string>(options.KafkaSettings, StringComparer.Ordinal);
        foreach (var (key, value) in specific)
        {
            settings[key] = value;
        }

        settings["bootstrap.servers"] = options.BootstrapServers;
        settings.TryAdd("client.id", string.Create(CultureInfo.InvariantCulture, $"orleans-{providerName}-{role}"));
        return settings;
    }
}
