using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Streams;
using Orleans.TestingHost;

namespace BillForU.Streaming.Kafka.Tests.Infrastructure;

/// <summary>In-process Orleans clusters whose probe stream runs on the Kafka provider.</summary>
public static class ProbeCluster
{
    public const string Provider = "kafka";

    public const string RedeliveryContextKey = "test.may-be-redelivered";

    public static InProcessTestCluster Build(
        KafkaTestTopics topics,
        DeliveryLog log,
        short silos = 1,
        Action<KafkaStreamOptions>? tune = null,
        TimeSpan? maxEventDeliveryTime = null)
    {
        var builder = new InProcessTestClusterBuilder(silos);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton(log);
            silo.AddKafkaStreams(
                Provider,
                options => Configure(options, topics, tune),
                stream =>
                {
                    stream.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly);
                    stream.ConfigurePullingAgent(agent => agent.Configure(settings =>
                    {
                        settings.GetQueueMsgsTimerPeriod = TimeSpan.FromMilliseconds(50);
                        settings.MaxEventDeliveryTime = maxEventDeliveryTime ?? TimeSpan.FromSeconds(30);
                    }));
                });
        });
        builder.ConfigureClient(client => client.AddKafkaStreams(
            Provider,
            options => Configure(options, topics, tune),
            stream => stream.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly)));
        return builder.Build();
    }

    public static void Configure(KafkaStreamOptions options, KafkaTestTopics topics, Action<KafkaStreamOptions>? tune = null)
    {
        options.BootstrapServers = topics.BootstrapServers;
        options.Topic = topics.Topic;
        options.FailoverTopic = topics.FailoverTopic;
        options.DeadLetterTopic = topics.DeadLetterTopic;
        options.TopicPartitions = topics.Partitions;
        options.FailoverTopicPartitions = topics.FailoverPartitions;
        options.ConsumerGroupId = topics.GroupId;
        options.ReplicationFactor = 1;
        options.StartupTimeout = TimeSpan.FromSeconds(10);
        options.CommitInterval = TimeSpan.FromMilliseconds(200);
        options.FailoverBackoff = TimeSpan.FromMilliseconds(500);
        options.RedeliveryContextKey = RedeliveryContextKey;
        tune?.Invoke(options);
    }

    /// <summary>
    /// Publishes <paramref name="eventsPerStream"/> events on each of <paramref name="streams"/> streams
    /// from the client: streams in parallel, each stream's events one after another so their order is defined.
    /// </summary>
    public static Task ProduceAsync(
        IClusterClient client,
        long firstStream,
        int streams,
        int eventsPerStream,
        int firstSequence = 0,
        int parallelism = 500,
        CancellationToken cancellationToken = default)
    {
        var provider = client.GetStreamProvider(Provider);
        return Parallel.ForEachAsync(
            Enumerable.Range(0, streams),
            new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
            async (index, _) =>
            {
                var key = firstStream + index;
                var stream = provider.GetStream<ProbeEvent>(StreamId.Create(ProbeEvent.Namespace, key));
                for (var sequence = firstSequence; sequence < firstSequence + eventsPerStream; sequence++)
                {
                    await stream.OnNextAsync(new ProbeEvent(key, sequence));
                }
            });
    }

    public static IEnumerable<(long Stream, int Sequence)> Expected(long firstStream, int streams, int eventsPerStream, int firstSequence = 0) =>
        from index in Enumerable.Range(0, streams)
        from sequence in Enumerable.Range(firstSequence, eventsPerStream)
        select (firstStream + index, sequence);
}
