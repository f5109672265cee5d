using BillForU.Cluster.Harness;
using BillForU.Cluster.Tests.Support;
using BillForU.Domain.Billing;
using BillForU.Domain.Generation;
using BillForU.Domain.Settlement;
using BillForU.Grains.Interfaces.Settlement;
using BillForU.TestSupport;

namespace BillForU.Cluster.Tests;

/// <summary>
/// Drill 2: a silo is killed (SIGKILL) while 100,000 notices are being sent. Its Kafka queues and notification grains
/// move to the survivor; every bill still ends SENT or DEAD_LETTERED in SQL, the providers received every sent notice,
/// and no bill got two different messages — a notice caught mid-send may go out again, but as the same message
/// (same Message-ID / idempotency key), and those resends are counted.
/// </summary>
[Collection(ClusterDrills.Name)]
public sealed class SiloKilledDuringDispatchTests(MariaDbServer mariaDb, ITestOutputHelper output)
{
    private static readonly BillingMonth Month = new(2026, 10);

    [Fact]
    public async Task Every_bill_is_sent_or_dead_lettered_once_and_never_as_two_different_messages()
    {
        await using var cluster = await LocalCluster.StartAsync(mariaDb, new LocalClusterOptions
        {
            Name = "drill-dispatch",
            SettlementPartitions = 8,
            ChunkSize = 2_500,
        });
        await DrillRun.RunAsync(cluster, output, async () =>
        {
            var silosStarting = cluster.StartSilosAsync(2);
            var (rows, seedTime) = await cluster.SeedAsync(DatasetSpec.Validated(20_261_001, 100_000, Month));
            var silos = await silosStarting;
            output.WriteLine($"seeded {rows:N0} rows in {seedTime.TotalSeconds:F1} s; silos {string.Join(", ", silos.Select(s => s.Address))}");
            var client = await cluster.ConnectClientAsync();

            var clock = System.Diagnostics.Stopwatch.StartNew();
            await client.Coordinator(Month).StartAsync(new SettlementRequest());
            // Kill the silo that has sent the most once a quarter of the notices are out: it is mid-dispatch.
            await Eventually.ReachAsync(
                () => Task.FromResult(silos.Sum(s => s.Counters.Sent)), sent => sent >= 25_000, TimeSpan.FromMinutes(3), "25,000 notices sent");
            var victim = silos.MaxBy(s => s.Counters.Sent)!;
            var atKill = victim.Counters;
            await victim.KillAsync();
            output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: killed {victim.Name} ({victim.Address}) after it had taken {atKill.NoticesTaken:N0} and sent {atKill.Sent:N0} notices");

            var run = await Eventually.ReachAsync(
                () => client.Coordinator(Month).GetStatusAsync(), r => r is { Status: not SettlementRunStatus.Running }, TimeSpan.FromMinutes(3),
                "the settlement run to end", TimeSpan.FromSeconds(1));
            Assert.Equal(SettlementRunStatus.Completed, run!.Status);
            var bills = (await cluster.Sql.BillsAsync(Month)).Bills;
            output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: settlement completed, {bills:N0} bills");

            var done = await Drills.WaitForEveryBillDoneAsync(cluster, Month, bills, TimeSpan.FromMinutes(4));
            output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: {done:N0} bills sent or dead-lettered");

            await Drills.AssertDeliveredExactlyAsync(cluster, Month, bills, output);
        });
    }
}
