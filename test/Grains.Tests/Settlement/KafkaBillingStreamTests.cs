using BillForU.Domain.Settlement;
using BillForU.Grains.Interfaces.Settlement;
using BillForU.Grains.Notifications;
using BillForU.Grains.Tests.Support;
using BillForU.Hosting.Extensions;
using BillForU.Kafka.MockCluster;
using BillForU.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace BillForU.Grains.Tests.Settlement;

/// <summary>
/// The cluster mode's billing stream: settlement publishes to Kafka (librdkafka's mock brokers, or a real
/// broker from <c>KAFKA_BOOTSTRAP</c>) and every bill's event reaches the notification grains.
/// </summary>
public sealed class KafkaBillingStreamTests : IAsyncLifetime
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("billforu-kafka-");
    private readonly MockKafkaCluster _mock = MockKafkaCluster.Start(brokerCount: 3, initialRebalanceDelay: TimeSpan.FromMilliseconds(100));
    private readonly string _prefix = $"billing-{Guid.NewGuid():N}";

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        _mock.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Delete(recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Every_settled_bill_reaches_its_notification_grain_through_kafka()
    {
        var bootstrap = Environment.GetEnvironmentVariable("KAFKA_BOOTSTRAP") is { Length: > 0 } real ? real : _mock.BootstrapServers;
        if (bootstrap == _mock.BootstrapServers)
        {
            _mock.CreateTopic($"{_prefix}-events", 3);
            _mock.CreateTopic($"{_prefix}-failover", 3);
            _mock.CreateTopic($"{_prefix}-dlt", 1);
        }
        BillEventProbeGrain.Received.Clear();
        await using var cluster = await SettlementCluster.StartAsync(
            new SqlStoreOptions { Provider = SqlProvider.Sqlite, ConnectionString = $"Data Source={Path.Combine(_directory.FullName, "billforu.db")}" },
            streams: silo => silo.AddBillingKafkaStreams(kafka => kafka.Configure(o =>
            {
                o.BootstrapServers = bootstrap;
                o.Topic = $"{_prefix}-events";
                o.FailoverTopic = $"{_prefix}-failover";
                o.DeadLetterTopic = $"{_prefix}-dlt";
                o.ConsumerGroupId = $"{_prefix}-group";
                o.ReplicationFactor = 1;
                o.ConsumerSettings["fetch.wait.max.ms"] = "10";
            })));
        var expected = ExpectedBills.Compute(await cluster.SeedAsync(2_000), SettlementCluster.Month);

        await cluster.Coordinator(SettlementCluster.Month).StartAsync(new SettlementRequest());
        var run = await cluster.WaitForEndAsync(SettlementCluster.Month);
        var metrics = cluster.Services.GetRequiredService<NotificationMetrics>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (BillEventProbeGrain.Received.Count < expected.Count || metrics.Accepted < expected.Count)
        {
            await Task.Delay(100, timeout.Token);
        }

        Assert.Equal(SettlementRunStatus.Completed, run.Status);
        Assert.Equal(expected.Keys.Order(), BillEventProbeGrain.Received.Keys.Select(Domain.Billing.BillId.UserIdOf).Order());
        Assert.Equal(expected.Count, metrics.Accepted);
    }
}
