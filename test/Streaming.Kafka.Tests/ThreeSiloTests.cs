using BillForU.Streaming.Kafka.Tests.Infrastructure;

namespace BillForU.Streaming.Kafka.Tests;

[Collection(KafkaCollection.Name)]
public sealed class ThreeSiloTests(KafkaEnvironment kafka)
{
    [Fact]
    public async Task Survivors_take_over_the_partitions_of_a_stopped_silo_and_deliver_every_event()
    {
        // 24 partitions: Orleans' consistent ring gives every one of three silos a share with near certainty.
        const int partitions = 24;
        const int streams = 2_000;
        var topics = kafka.CreateTopics(nameof(ThreeSiloTests), partitions: partitions);
        var log = new DeliveryLog();
        await using var cluster = ProbeCluster.Build(topics, log, silos: 3);
        try
        {
            await cluster.DeployAsync();
            var totalQueues = partitions + topics.FailoverPartitions;
            await Eventually.TrueAsync(
                () => KafkaQueueOwnership.PerSilo(cluster).Sum(queues => queues.Count) == totalQueues,
                TimeSpan.FromSeconds(60),
                () => $"queues per silo: {string.Join(" / ", KafkaQueueOwnership.PerSilo(cluster).Select(q => q.Count))}");
            Assert.All(KafkaQueueOwnership.PerSilo(cluster), queues => Assert.NotEmpty(queues));

            await ProbeCluster.ProduceAsync(cluster.Client, 0, streams, 5);
            var stopped = cluster.Silos[2];
            var stopping = cluster.StopSiloAsync(stopped);
            // Produced while the silo leaves and its partitions move.
            await ProbeCluster.ProduceAsync(cluster.Client, 0, streams, 5, firstSequence: 5);
            await stopping;
            await ProbeCluster.ProduceAsync(cluster.Client, 0, streams, 5, firstSequence: 10);

            var expected = ProbeCluster.Expected(0, streams, 15).ToList();
            await Eventually.TrueAsync(
                () => log.Distinct == expected.Count,
                TimeSpan.FromMinutes(2),
                () => $"{log.Distinct} of {expected.Count} delivered; missing e.g. {string.Join(", ", log.Missing(expected))}");
            var survivors = KafkaQueueOwnership.PerSilo(cluster);
            Assert.Equal(2, survivors.Count);
            Assert.Equal(totalQueues, survivors.Sum(queues => queues.Count));
            Assert.Equal(0, log.OutOfOrder);
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await kafka.DeleteTopicsAsync(topics);
        }
    }
}
