using BillForU.Streaming.Kafka.Tests.Infrastructure;

namespace BillForU.Streaming.Kafka.Tests;

/// <summary>Runs on the mock cluster even when a real broker is configured: only the mock can be taken down from a test.</summary>
[Collection(KafkaCollection.Name)]
public sealed class BrokerOutageTests(KafkaEnvironment kafka)
{
    [Fact]
    public async Task Every_event_is_delivered_across_an_outage_of_all_brokers()
    {
        const int streams = 1_000;
        var topics = kafka.CreateMockTopics(nameof(BrokerOutageTests));
        var log = new DeliveryLog();
        await using var cluster = ProbeCluster.Build(topics, log);
        try
        {
            await cluster.DeployAsync();
            await ProbeCluster.ProduceAsync(cluster.Client, 0, streams, 2);
            await Eventually.TrueAsync(() => log.Distinct == streams * 2, TimeSpan.FromMinutes(1), () => $"{log.Distinct} delivered before the outage");

            var duringOutage = ProbeCluster.ProduceAsync(cluster.Client, 0, streams, 3, firstSequence: 2);
            for (var broker = 1; broker <= kafka.Mock.BrokerCount; broker++)
            {
                kafka.Mock.SetBrokerDown(broker);
            }

            await Task.Delay(TimeSpan.FromSeconds(3));
            for (var broker = 1; broker <= kafka.Mock.BrokerCount; broker++)
            {
                kafka.Mock.SetBrokerUp(broker);
            }

            await duringOutage;
            await ProbeCluster.ProduceAsync(cluster.Client, 0, streams, 2, firstSequence: 5);

            var expected = ProbeCluster.Expected(0, streams, 7).ToList();
            await Eventually.TrueAsync(
                () => log.Distinct == expected.Count,
                TimeSpan.FromMinutes(2),
                () => $"{log.Distinct} of {expected.Count} delivered; missing e.g. {string.Join(", ", log.Missing(expected))}");
            Assert.Equal(0, log.OutOfOrder);
        }
        finally
        {
            for (var broker = 1; broker <= kafka.Mock.BrokerCount; broker++)
            {
                kafka.Mock.SetBrokerUp(broker);
            }

            await cluster.StopAllSilosAsync();
            await kafka.DeleteTopicsAsync(topics);
        }
    }
}
