using System.Text;
using BillForU.Streaming.Kafka.Tests.Infrastructure;
using Confluent.Kafka;

namespace BillForU.Streaming.Kafka.Tests;

[Collection(KafkaCollection.Name)]
public sealed class PoisonAndFailoverTests(KafkaEnvironment kafka)
{
    [Fact]
    public async Task Unreadable_and_undeliverable_events_land_in_the_dead_letter_topic_with_reason_and_source()
    {
        var topics = kafka.CreateTopics(nameof(PoisonAndFailoverTests));
        var log = new DeliveryLog();
        await using var cluster = ProbeCluster.Build(
            topics,
            log,
            tune: options =>
            {
                options.MaxFailoverAttempts = 2;
                options.FailoverBackoff = TimeSpan.FromMilliseconds(300);
            },
            maxEventDeliveryTime: TimeSpan.FromSeconds(1));
        try
        {
            await cluster.DeployAsync();
            var streams = cluster.Client.GetStreamProvider(ProbeCluster.Provider);

            var garbage = await ProduceGarbageAsync(topics);
            await streams.GetStream<ProbeEvent>(StreamId.Create(ProbeEvent.Namespace, 100)).OnNextAsync(new ProbeEvent(100, 0, FailForMilliseconds: 2500));
            await streams.GetStream<ProbeEvent>(StreamId.Create(ProbeEvent.Namespace, 100)).OnNextAsync(new ProbeEvent(100, 1));
            await streams.GetStream<ProbeEvent>(StreamId.Create(ProbeEvent.Namespace, 200)).OnNextAsync(new ProbeEvent(200, 0, FailForMilliseconds: -1));
            await streams.GetStream<ProbeEvent>(StreamId.Create(ProbeEvent.Namespace, 300)).OnNextAsync(new ProbeEvent(300, 0, FailForMilliseconds: 200));
            await ProbeCluster.ProduceAsync(cluster.Client, 0, 50, 3);

            var deadLetters = DeadLetterReader.Read(topics.BootstrapServers, topics.DeadLetterTopic, expected: 2, TimeSpan.FromSeconds(60));

            Assert.Equal(2, deadLetters.Count);
            var unreadable = Assert.Single(deadLetters, r => r.Message.Key.SequenceEqual(garbage.Message.Key));
            Assert.StartsWith("deserialization failed", DeadLetterReader.Header(unreadable, KafkaStreamHeaders.Reason), StringComparison.Ordinal);
            Assert.Equal(topics.Topic, DeadLetterReader.Header(unreadable, KafkaStreamHeaders.SourceTopic));
            Assert.Equal(garbage.Partition.Value.ToString(), DeadLetterReader.Header(unreadable, KafkaStreamHeaders.SourcePartition));
            Assert.Equal(garbage.Offset.Value.ToString(), DeadLetterReader.Header(unreadable, KafkaStreamHeaders.SourceOffset));
            Assert.Equal(garbage.Message.Value, unreadable.Message.Value);

            var undeliverable = Assert.Single(deadLetters, r => r != unreadable);
            Assert.Equal("delivery failed after 2 failover attempts", DeadLetterReader.Header(undeliverable, KafkaStreamHeaders.Reason));
            Assert.Equal(topics.FailoverTopic, DeadLetterReader.Header(undeliverable, KafkaStreamHeaders.SourceTopic));
            Assert.Equal(topics.Topic, DeadLetterReader.Header(undeliverable, KafkaStreamHeaders.OriginTopic));

            // The event that failed only for a while came back through the failover topic; the rest flowed past both.
            await Eventually.TrueAsync(() => log.Contains(100, 0) && log.Contains(100, 1), TimeSpan.FromSeconds(30), () => "stream 100 incomplete");
            await Eventually.TrueAsync(() => log.Contains(300, 0), TimeSpan.FromSeconds(30), () => "stream 300 incomplete");
            var expected = ProbeCluster.Expected(0, 50, 3).ToList();
            await Eventually.TrueAsync(() => expected.All(e => log.Contains(e.Stream, e.Sequence)), TimeSpan.FromSeconds(30), () => string.Join(", ", log.Missing(expected)));
            Assert.False(log.Contains(200, 0));

            // Retried by the agent or back from the failover topic, an event says it may repeat a delivery; the others
            // were delivered once, unmarked.
            Assert.Equal([(100L, 0), (300L, 0)], log.MarkedRedeliveries.Order());
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await kafka.DeleteTopicsAsync(topics);
        }
    }

    private static async Task<DeliveryResult<byte[], byte[]>> ProduceGarbageAsync(KafkaTestTopics topics)
    {
        using var producer = new ProducerBuilder<byte[], byte[]>(new ProducerConfig { BootstrapServers = topics.BootstrapServers }).Build();
        return await producer.ProduceAsync(
            new TopicPartition(topics.Topic, 0),
            new Message<byte[], byte[]> { Key = Encoding.UTF8.GetBytes("not-a-stream"), Value = Encoding.UTF8.GetBytes("{\"this is\": \"not an Orleans batch\"}") });
    }
}
