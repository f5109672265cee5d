using BillForU.Streaming.Kafka.Streams;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace BillForU.Streaming.Kafka.Tests.Infrastructure;

/// <summary>Which Kafka partitions each silo reads now, from the provider's receiver registry.</summary>
public static class KafkaQueueOwnership
{
    public static IReadOnlyList<IReadOnlyCollection<string>> PerSilo(InProcessTestCluster cluster) =>
        cluster.Silos
            .Select(silo => (IReadOnlyCollection<string>)silo.ServiceProvider
                .GetRequiredKeyedService<KafkaReceiverRegistry>(ProbeCluster.Provider)
                .ActiveQueues.Select(queue => queue.ToString()).ToList())
            .ToList();
}
