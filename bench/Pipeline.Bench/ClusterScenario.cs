using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using BillForU.Domain.Generation;
using BillForU.Kafka.MockCluster;
using BillForU.Storage;
using BillForU.TestSupport;
using MySqlConnector;

namespace BillForU.Pipeline.Bench;

/// <summary>
/// Notices in cluster mode: grain state and reminders in Redis, bill events over Kafka (librdkafka's mock brokers),
/// email over SMTP to a sink and SMS/push over HTTP to a provider fake, the store on MariaDB. The month is seeded and
/// settled first by an embedded silo on the same database; the cluster silo then notifies its stored bills.
/// </summary>
public static class ClusterScenario
{
    private const int Streams = 8;
    private const long KafkaWindow = 30_000;

    public static async Task RunAsync(DatasetSpec spec, IReadOnlyDictionary<string, string?> extra)
    {
        var month = spec.Month;
        await using var server = new MariaDbServer();
        await server.InitializeAsync();
        var connection = await server.CreateDatabaseAsync("bench_cluster");
        var dataDirectory = Directory.CreateTempSubdirectory("billforu-bench-").FullName;
        var keys = new Dictionary<string, string?>(extra)
        {
            ["BillForU:Pii:Keys"] = "v1:" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["BillForU:Pii:HashKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        };
        await using (var silo = await BenchSilo.StartAsync(SqlProvider.MySql, connection, dataDirectory, keys))
        {
            var (rows, seedTime) = await silo.SeedAsync(spec);
            var (run, settleTime, _) = await silo.SettleAsync(month);
            await silo.WaitForNoticesAsync(run.EventsPublished, Stopwatch.StartNew());
            Console.WriteLine($"cluster  prepared    {rows,12:N0} rows seeded in {seedTime.TotalSeconds:F1} s, {run.EventsPublished:N0} bills settled in {settleTime.TotalSeconds:F1} s (embedded silo on MariaDB)");
        }
        await ClearDeliveryLogAsync(connection);

        await using var redis = await RedisProcess.StartAsync();
        using var kafka = MockKafkaCluster.Start(brokerCount: 3, initialRebalanceDelay: TimeSpan.FromMilliseconds(100));
        kafka.CreateTopic("billing-event-topic", 3);
        kafka.CreateTopic("billing-event-failover", 3);
        kafka.CreateTopic("billing-event-dlt", 1);
        await using var smtp = SmtpSink.Start();
        await using var sms = HttpProviderFake.Start();
        await using var push = HttpProviderFake.Start();
        var cluster = new Dictionary<string, string?>(keys)
        {
            ["BillForU:Mode"] = "Cluster",
            ["BillForU:Redis"] = redis.Configuration,
            ["BillForU:Orleans:SiloPort"] = FreePort(),
            ["BillForU:Orleans:GatewayPort"] = FreePort(),
            ["BillForU:Orleans:AdvertisedAddress"] = "127.0.0.1",
            ["BillForU:Orleans:ClusterId"] = $"bench-{Guid.NewGuid():N}",
            ["BillForU:Kafka:BootstrapServers"] = kafka.BootstrapServers,
            ["BillForU:Kafka:Topic"] = "billing-event-topic",
            ["BillForU:Kafka:FailoverTopic"] = "billing-event-failover",
            ["BillForU:Kafka:DeadLetterTopic"] = "billing-event-dlt",
            ["BillForU:Kafka:ConsumerGroupId"] = "billforu-bench",
            ["BillForU:Kafka:CreateTopics"] = "false",
            ["BillForU:Kafka:ReplicationFactor"] = "1",
            ["BillForU:Kafka:ConsumerSettings:fetch.wait.max.ms"] = "10",
            ["BillForU:Channels:Mode"] = "Live",
            ["BillForU:Channels:Smtp:Host"] = "127.0.0.1",
            ["BillForU:Channels:Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["BillForU:Channels:Smtp:Security"] = "None",
            ["BillForU:Channels:Smtp:PoolSize"] = "8",
            ["BillForU:Channels:Sms:Endpoint"] = sms.Endpoint.ToString(),
            ["BillForU:Channels:Push:Endpoint"] = push.Endpoint.ToString(),
        };
        foreach (var (key, value) in extra)
        {
            cluster[key] = value;
        }
        await using (var silo = await BenchSilo.StartAsync(SqlProvider.MySql, connection, dataDirectory, cluster))
        {
            var clock = Stopwatch.StartNew();
            var cpuBefore = MachineCpu.Busy();
            var allocatedBefore = GC.GetTotalAllocatedBytes();
            var collectionsBefore = Collections();
            var pausedBefore = GC.GetTotalPauseDuration();
            var (published, publishedAt, accepted, logged) = await silo.NotifyStoredBillsAsync(month, Streams, clock, KafkaWindow);
            var cpu = MachineCpu.Busy() - cpuBefore;
            var allocated = GC.GetTotalAllocatedBytes() - allocatedBefore;
            var collections = Collections().Zip(collectionsBefore, (after, before) => after - before).ToArray();
            var paused = GC.GetTotalPauseDuration() - pausedBefore;
            var counts = await silo.CountNoticesAsync();
            Console.WriteLine($"cluster  notices     {published,12:N0} stored bills to notices in {logged.TotalSeconds,7:F1} s = {published / logged.TotalSeconds,10:N0} notices/s (target >= 10,000/s; events published by {publishedAt.TotalSeconds:F1} s, every notice taken at {accepted.TotalSeconds:F1} s, delivery log written at {logged.TotalSeconds:F1} s)");
            if (cpu is { } busy)
            {
                Console.WriteLine($"cluster  machine cpu {busy.TotalSeconds,12:F1} core-s while notifying = {busy.TotalMicroseconds / published,7:F0} µs per notice (every process: silo, sinks, MariaDB, Redis, Kafka mock; of {Environment.ProcessorCount * logged.TotalSeconds:F1} core-s)");
            }
            Console.WriteLine($"cluster  allocated   {allocated / (1024.0 * 1024 * 1024),12:F1} GiB while notifying = {allocated / 1024.0 / published,7:F1} KiB per notice (this process: silo, sinks, Kafka mock)");
            Console.WriteLine($"cluster  collections {collections[0],12:N0} gen0, {collections[1]:N0} gen1, {collections[2]:N0} gen2 while notifying; paused {paused.TotalSeconds:F1} s");
            Console.WriteLine($"cluster  outcomes    {string.Join(", ", counts.GroupBy(c => c.Status).Select(g => $"{g.Key} {g.Sum(c => c.Count):N0}"))}");
            Console.WriteLine($"cluster  received    {smtp.Messages:N0} emails over SMTP ({smtp.MessageIds.Count:N0} distinct Message-IDs), {sms.Delivered.Count:N0} SMS and {push.Delivered.Count:N0} push over HTTP");
            Console.WriteLine($"cluster  peak memory {Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024 * 1024),12:F2} GiB (target <= 4 GiB; sinks, seeding and settlement in the same process)");
        }
        await server.DropDatabaseAsync("bench_cluster");
        Directory.Delete(dataDirectory, recursive: true);
    }

    /// <summary>Collections so far of each generation (a gen1 collection counts as a gen0 one too).</summary>
    private static int[] Collections() => [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];

    private static async Task ClearDeliveryLogAsync(string connectionString)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync();
        await using var clear = new MySqlCommand("TRUNCATE TABLE notification_attempts; TRUNCATE TABLE notification_deliveries; TRUNCATE TABLE notification_status_counts; TRUNCATE TABLE notification_attempts_hourly;", connection);
        await clear.ExecuteNonQueryAsync();
    }

    private static string FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);
    }
}
