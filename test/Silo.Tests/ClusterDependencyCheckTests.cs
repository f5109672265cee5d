using BillForU.Hosting.Configuration;
using BillForU.Hosting.Preflight;
using BillForU.Kafka.MockCluster;
using BillForU.TestSupport;
using Microsoft.Extensions.Configuration;

namespace BillForU.Silo.Tests;

/// <summary>A cluster-mode silo refuses to start, naming the service, when Redis or the Kafka brokers do not answer.</summary>
public sealed class ClusterDependencyCheckTests
{
    private static Task CheckAsync(string redis, string kafka) =>
        ClusterDependencyCheck.CheckAsync(
            new BillForUOptions { Mode = BillForUMode.Cluster, Redis = redis },
            new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["BillForU:Kafka:BootstrapServers"] = kafka }).Build(),
            CancellationToken.None);

    [Fact]
    public async Task Redis_that_does_not_answer_is_named()
    {
        var error = await Assert.ThrowsAsync<DependencyUnavailableException>(() => CheckAsync("127.0.0.1:1", "127.0.0.1:1"));

        Assert.Contains("Cannot reach Redis at 127.0.0.1:1", error.Message);
        Assert.Contains("BillForU:Redis", error.Message);
    }

    [Fact]
    public async Task Kafka_brokers_that_do_not_answer_are_named_once_redis_does()
    {
        await using var redis = await RedisServer.StartAsync();

        var error = await Assert.ThrowsAsync<DependencyUnavailableException>(() => CheckAsync(redis.Configuration, "127.0.0.1:1"));

        Assert.Contains("Cannot reach the Kafka brokers at 127.0.0.1:1", error.Message);
        Assert.Contains("BillForU:Kafka:BootstrapServers", error.Message);
    }

    [Fact]
    public async Task Answering_redis_and_brokers_pass()
    {
        await using var redis = await RedisServer.StartAsync();
        using var kafka = MockKafkaCluster.Start(brokerCount: 1);

        await CheckAsync(redis.Configuration, kafka.BootstrapServers);
    }
}
