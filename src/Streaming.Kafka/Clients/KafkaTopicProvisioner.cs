using Confluent.Kafka;
using ErrorCode = Confluent.Kafka.ErrorCode;
using Confluent.Kafka.Admin;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace BillForU.Streaming.Kafka.Clients;

/// <summary>
/// Checks at start that the provider's topics exist with the configured partition counts and
/// creates the missing ones. Reads metadata first and creates only what is missing, because some
/// brokers (the librdkafka mock cluster among them) do not support CreateTopics.
/// </summary>
internal sealed partial class KafkaTopicProvisioner(KafkaStreamOptions options, string providerName, ILogger<KafkaTopicProvisioner> logger)
{
    public async Task EnsureTopicsAsync(CancellationToken cancellationToken)
    {
        using var admin = new AdminClientBuilder(KafkaClientConfigs.Admin(options, providerName))
            .SetLogHandler((_, message) => LogClientMessage(message.ToLogLevel(), message.Facility, message.Message))
            .Build();

        var required = new (string Topic, int Partitions, string Property, bool ExactPartitions)[]
        {
            (options.Topic, options.TopicPartitions, nameof(options.TopicPartitions), true),
            (options.ResolvedFailoverTopic, options.FailoverTopicPartitions, nameof(options.FailoverTopicPartitions), true),
            // Dead letters are produced by key through Kafka's partitioner: any partition count works.
            (options.ResolvedDeadLetterTopic, options.DeadLetterTopicPartitions, nameof(options.DeadLetterTopicPartitions), false),
        };

        var existing = await ReadTopicsAsync(admin, cancellationToken);
        var missing = required.Where(topic => !existing.ContainsKey(topic.Topic)).ToList();
        if (missing.Count > 0)
        {
            if (!options.CreateTopics)
            {
                throw new InvalidOperationException(
                    $"Kafka stream provider '{providerName}': topic(s) {string.Join(", ", missing.Select(m => m.Topic))} do not exist " +
                    $"and {nameof(KafkaStreamOptions)}.{nameof(KafkaStreamOptions.CreateTopics)} is false.");
            }

            var failure = await TryCreateAsync(admin, missing.Select(m => (m.Topic, m.Partitions)), cancellationToken);
            existing = await ReadTopicsAsync(admin, cancellationToken);
            var stillMissing = missing.Where(topic => !existing.ContainsKey(topic.Topic)).Select(topic => topic.Topic).ToList();
            if (stillMissing.Count > 0)
            {
                throw new InvalidOperationException(
                    $"Kafka stream provider '{providerName}': topic(s) {string.Join(", ", stillMissing)} are missing and could not be created " +
                    $"({failure ?? "no reason given"}). Create them on the cluster.");
            }
        }

        foreach (var (topic, partitions, property, exact) in required)
        {
            if (exact && existing[topic] != partitions)
            {
                throw new InvalidOperationException(
                    $"Kafka stream provider '{providerName}': {nameof(KafkaStreamOptions)}.{property} is {partitions} " +
                    $"but topic '{topic}' has {existing[topic]} partitions. Make them equal.");
            }
        }

        LogTopicsReady(providerName, options.Topic, options.TopicPartitions);
    }

    private async Task<Dictionary<string, int>> ReadTopicsAsync(IAdminClient admin, CancellationToken cancellationToken)
    {
        try
        {
            // GetMetadata blocks up to the timeout: keep it off the caller's (silo start-up) thread.
            var metadata = await Task.Run(() => admin.GetMetadata(options.StartupTimeout), cancellationToken);
            return metadata.Topics
                .Where(topic => topic.Error.Code == ErrorCode.NoError && topic.Partitions.Count > 0)
                .ToDictionary(topic => topic.Topic, topic => topic.Partitions.Count, StringComparer.Ordinal);
        }
        catch (KafkaException exception)
        {
            throw new InvalidOperationException(
                $"Kafka stream provider '{providerName}': brokers '{options.BootstrapServers}' did not answer within " +
                $"{options.StartupTimeout.TotalSeconds:0.#} s ({exception.Error.Reason}). Check {nameof(KafkaStreamOptions)}." +
                $"{nameof(KafkaStreamOptions.BootstrapServers)} and the network.",
                exception);
        }
    }

    private async Task<string?> TryCreateAsync(IAdminClient admin, IEnumerable<(string Topic, int Partitions)> topics, CancellationToken cancellationToken)
    {
        var specifications = topics
            .Select(topic => new TopicSpecification { Name = topic.Topic, NumPartitions = topic.Partitions, ReplicationFactor = options.ReplicationFactor })
            .ToList();
        try
        {
            await admin.CreateTopicsAsync(
                specifications,
                new CreateTopicsOptions { RequestTimeout = options.StartupTimeout, OperationTimeout = options.StartupTimeout })
                .WaitAsync(options.StartupTimeout, cancellationToken);
            foreach (var specification in specifications)
            {
                LogTopicCreated(specification.Name, specification.NumPartitions);
            }

            return null;
        }
        catch (CreateTopicsException exception)
        {
            // Another silo may have created the same topic a moment earlier: that is success.
            var failures = exception.Results.Where(result => result.Error.Code is not (ErrorCode.NoError or ErrorCode.TopicAlreadyExists)).ToList();
            var reason = string.Join("; ", failures.Select(result => $"{result.Topic}: {result.Error.Reason}"));
            if (failures.Count > 0)
            {
                LogCreateFailed(reason);
            }

            return failures.Count > 0 ? reason : null;
        }
        catch (Exception exception) when (exception is KafkaException or TimeoutException)
        {
            LogCreateFailed(exception.Message);
            return exception.Message;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Kafka stream provider {Provider} ready on topic {Topic} with {Partitions} partitions")]
    private partial void LogTopicsReady(string provider, string topic, int partitions);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created Kafka topic {Topic} with {Partitions} partitions")]
    private partial void LogTopicCreated(string topic, int partitions);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Creating Kafka topics failed: {Reason}; checking whether they exist anyway")]
    private partial void LogCreateFailed(string reason);

    [LoggerMessage(Message = "librdkafka admin {Facility}: {Text}")]
    private partial void LogClientMessage(LogLevel level, string facility, string text);
}
