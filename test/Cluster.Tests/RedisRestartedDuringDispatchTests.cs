using BillForU.Cluster.Harness;
using BillForU.Cluster.Tests.Support;
using BillForU.Domain.Billing;
using BillForU.Domain.Generation;
using BillForU.Domain.Settlement;
using BillForU.Grains.Interfaces.Settlement;
using BillForU.TestSupport;

namespace BillForU.Cluster.Tests;

/// <summary>
/// Drill 3: Redis — membership, grain state and reminders of the cluster — is stopped while notices are being sent and
/// started again on the same port a few seconds later, as an operator restarting it would. It runs with persistence
/// (append-only file) as an operator runs it, so it comes back with the membership table, every notice's state and the
/// reminders. While it is down, state writes fail: the events concerned are delivered again and the grains concerned
/// start over from their stored state. Nothing is lost, no silo dies, and no bill gets two different messages.
/// (A Redis that comes back empty is another matter, seen by hand: the silos keep running and finish what is in
/// flight — sent notices are recognised from the delivery log — but the membership table is gone, so no client or
/// new silo finds the cluster until the silos are restarted, and waiting notices have lost their reminders.)
/// </summary>
[Collection(ClusterDrills.Name)]
public sealed class RedisRestartedDuringDispatchTests(MariaDbServer mariaDb, ITestOutputHelper output)
{
    private const int Users = 30_000;
    private static readonly BillingMonth Month = new(2026, 10);
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task The_pipeline_recovers_without_loss_or_a_second_different_message()
    {
        await using var cluster = await LocalCluster.StartAsync(mariaDb, new LocalClusterOptions
        {
            Name = "drill-redis",
            RedisAppendOnly = true,
            SettlementPartitions = 8,
            ChunkSize = 2_000,
        });
        await DrillRun.RunAsync(cluster, output, async () =>
        {
            var silosStarting = cluster.StartSilosAsync(2);
            await cluster.SeedAsync(DatasetSpec.Validated(20_261_001, Users, Month));
            var silos = await silosStarting;
            var client = await cluster.ConnectClientAsync();

            var clock = System.Diagnostics.Stopwatch.StartNew();
            await client.Coordinator(Month).StartAsync(new SettlementRequest());
            await Eventually.ReachAsync(
                () => Task.FromResult(silos.Sum(s => s.Counters.Sent)), sent => sent >= Users / 5, TimeSpan.FromMinutes(3), "a fifth of the notices sent");
            var sentBefore = silos.Sum(s => s.Counters.Sent);
            await cluster.Redis.StopAsync();
            output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: Redis stopped after {sentBefore:N0} notices were sent");
            await Task.Delay(Outage);
            await cluster.Redis.StartAgainAsync();
            output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: Redis started again on port {cluster.Redis.Port} (append-only file reloaded)");

            var run = await Eventually.ReachAsync(
                () => client.Coordinator(Month).GetStatusAsync(), r => r is { Status: not SettlementRunStatus.Running }, TimeSpan.FromMinutes(3),
                "the settlement run to end", TimeSpan.FromSeconds(1));
            Assert.Equal(SettlementRunStatus.Completed, run!.Status);
            var bills = (await cluster.Sql.BillsAsync(Month)).Bills;
            var done = await Drills.WaitForEveryBillDoneAsync(cluster, Month, bills, TimeSpan.FromMinutes(4));
            output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: {done:N0} of {bills:N0} bills sent or dead-lettered");

            await Drills.AssertDeliveredExactlyAsync(cluster, Month, bills, output);
            Assert.All(silos, silo => Assert.True(silo.IsAlive, $"{silo.Name} stopped during the Redis restart"));
        });
    }
}
