using BillForU.Cluster.Harness;
using BillForU.Cluster.Tests.Support;
using BillForU.Domain.Billing;
using BillForU.Domain.Generation;
using BillForU.Domain.Settlement;
using BillForU.Grains.Interfaces.Settlement;
using BillForU.TestSupport;

namespace BillForU.Cluster.Tests;

/// <summary>
/// Drill 4: a third silo joins two that are settling and notifying a month. It takes a share of the work — Kafka queues
/// move to it and new notification grains are placed on it — which its own counter line shows (notices taken and sent
/// by that silo); the month still ends with every bill sent once.
/// </summary>
[Collection(ClusterDrills.Name)]
public sealed class SiloAddedMidRunTests(MariaDbServer mariaDb, ITestOutputHelper output)
{
    private const int Users = 40_000;
    private static readonly BillingMonth Month = new(2026, 10);

    [Fact]
    public async Task A_silo_added_mid_run_takes_a_share_of_the_notices()
    {
        await using var cluster = await LocalCluster.StartAsync(mariaDb, new LocalClusterOptions
        {
            Name = "drill-scale",
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
                () => Task.FromResult(silos.Sum(s => s.Counters.Sent)), sent => sent >= Users / 20, TimeSpan.FromMinutes(3), "a twentieth of the notices sent");
            var sentBefore = silos.Sum(s => s.Counters.Sent);
            var third = await cluster.StartSiloAsync();
            output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: {third.Name} ({third.Address}) joined after {sentBefore:N0} notices were sent");

            var share = await third.WaitForCountersAsync(c => c.Sent > 0, TimeSpan.FromMinutes(2), "a notice sent by the added silo");
            output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: {third.Name} sent its first notices: {share}");

            var run = await Eventually.ReachAsync(
                () => client.Coordinator(Month).GetStatusAsync(), r => r is { Status: not SettlementRunStatus.Running }, TimeSpan.FromMinutes(3),
                "the settlement run to end", TimeSpan.FromSeconds(1));
            Assert.Equal(SettlementRunStatus.Completed, run!.Status);
            var bills = (await cluster.Sql.BillsAsync(Month)).Bills;
            await Drills.WaitForEveryBillDoneAsync(cluster, Month, bills, TimeSpan.FromMinutes(3));
            output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: {bills:N0} bills sent or dead-lettered");
            await Drills.AssertDeliveredExactlyAsync(cluster, Month, bills, output);
            Assert.True(third.Counters.Sent > 0, $"{third.Name} sent nothing: {third.Counters}");
        });
    }
}
