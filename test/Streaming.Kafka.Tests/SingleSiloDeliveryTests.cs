using BillForU.Streaming.Kafka.Tests.Infrastructure;

namespace BillForU.Streaming.Kafka.Tests;

[Collection(KafkaCollection.Name)]
public sealed class SingleSiloDeliveryTests(KafkaEnvironment kafka)
{
    [Fact]
    public async Task Every_event_of_ten_thousand_streams_reaches_its_implicit_subscriber_in_order()
    {
        const int streams = 10_000;
        const int eventsPerStream = 10;
        var topics = kafka.CreateTopics(nameof(SingleSiloDeliveryTests));
        var log = new DeliveryLog();
        await using var cluster = ProbeCluster.Build(topics, log);
        try
        {
            await cluster.DeployAsync();

            await ProbeCluster.ProduceAsync(cluster.Client, 0, streams, eventsPerStream);

            var expected = ProbeCluster.Expected(0, streams, eventsPerStream).ToList();
            await Eventually.TrueAsync(
                () => log.Distinct == expected.Count,
                TimeSpan.FromMinutes(3),
                () => $"{log.Distinct} of {expected.Count} delivered; missing e.g. {string.Join(", ", log.Missing(expected))}");
            Assert.Equal(0, log.OutOfOrder);
            Assert.Equal(0, log.Duplicates);
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await kafka.DeleteTopicsAsync(topics);
        }
    }
}
