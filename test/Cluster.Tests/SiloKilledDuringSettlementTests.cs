using BillForU.Cluster.Harness;
using BillForU.Cluster.Tests.Support;
using BillForU.Domain.Billing;
using BillForU.Domain.Generation;
using BillForU.Domain.Security;
using BillForU.Domain.Settlement;
using BillForU.Grains.Interfaces.Settlement;
using BillForU.Grains.Tests.Support;
using BillForU.TestSupport;

namespace BillForU.Cluster.Tests;

/// <summary>
/// Drill 1: of three silos settling a month, the one that has settled the most is killed (SIGKILL) once a fifth of
/// the users are done. Its partitions are picked up by the survivors from their SQL checkpoints (and the coordinator,
/// if it lived there, comes back on its next call or reminder); the run completes with exactly one bill per user,
/// equal to the bill rules computed independently from the generated dataset.
/// </summary>
[Collection(ClusterDrills.Name)]
public sealed class SiloKilledDuringSettlementTests(MariaDbServer mariaDb, ITestOutputHelper output)
{
    private const int Users = 40_000;
    private static readonly BillingMonth Month = new(2026, 10);

    [Fact]
    public async Task The_run_completes_on_the_survivors_with_exactly_one_correct_bill_per_user()
    {
        await using var cluster = await LocalCluster.StartAsync(mariaDb, new LocalClusterOptions
        {
            Name = "drill-settle",
            // Small chunks: the run lasts long enough to be caught mid-way, and every partition has several checkpoints.
            SettlementPartitions = 12,
            ChunkSize = 500,
        });
        await DrillRun.RunAsync(cluster, output, async () =>
        {
            var spec = DatasetSpec.Validated(20_261_001, Users, Month);
            var silosStarting = cluster.StartSilosAsync(3);
            await cluster.SeedAsync(spec);
            var generator = new DemoDataGenerator(spec, new ContactCipher(cluster.Keys), new LookupHasher(cluster.Keys), DemoDataset.Seoul);
            var expected = ExpectedBills.Compute(generator.GenerateBlock(1, Users), Month);
            var silos = await silosStarting;
            var client = await cluster.ConnectClientAsync();

            var clock = System.Diagnostics.Stopwatch.StartNew();
            await client.Coordinator(Month).StartAsync(new SettlementRequest());
            var atKill = await Eventually.ReachAsync(
                () => client.Coordinator(Month).GetStatusAsync(),
                r => r is { Progress: >= 0.2 } && silos.Any(s => s.Counters.BillsSettled > 0) || r is { Status: not SettlementRunStatus.Running },
                TimeSpan.FromMinutes(2), "a fifth of the users settled", TimeSpan.FromMilliseconds(100));
            Assert.True(atKill!.Status == SettlementRunStatus.Running, $"the run ended before the kill: {atKill}");
            var victim = silos.MaxBy(s => s.Counters.BillsSettled)!;
            var victimCounters = victim.Counters;
            var survivors = silos.Where(s => s != victim).ToList();
            var survivorsBefore = survivors.Sum(s => s.Counters.BillsSettled);
            await victim.KillAsync();
            output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: killed {victim.Name} at {atKill.Progress:P0} of the users "
                + $"({atKill.BillsWritten:N0} bills written); it had settled {victimCounters.BillsSettled:N0} bills in {victimCounters.Chunks:N0} chunks");

            var run = await Eventually.ReachAsync(
                () => client.Coordinator(Month).GetStatusAsync(), r => r is { Status: not SettlementRunStatus.Running }, TimeSpan.FromMinutes(3),
                "the settlement run to end", TimeSpan.FromMilliseconds(500));
            output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: run {run!.Status}, {run.BillsWritten:N0} bills, {run.EventsPublished:N0} events");
            Assert.Equal(SettlementRunStatus.Completed, run.Status);
            // The survivors took the victim's unfinished partitions: their counters (printed every second) moved on.
            await Eventually.ReachAsync(
                () => Task.FromResult(survivors.Sum(s => s.Counters.BillsSettled)), settled => settled > survivorsBefore, TimeSpan.FromSeconds(10),
                "the survivors to settle bills after the kill");
            foreach (var silo in survivors)
            {
                output.WriteLine($"{silo.Name} (survivor): {silo.Counters}");
            }

            var bills = await cluster.Sql.BillsAsync(Month);
            output.WriteLine($"SQL: {bills.Bills:N0} bills for {bills.DistinctUsers:N0} users, total {bills.Total:N0} KRW; expected {expected.Count:N0} bills, "
                + $"total {expected.Values.Sum(e => e.Total):N0} KRW");
            Assert.Equal(expected.Count, bills.Bills);
            Assert.Equal(bills.Bills, bills.DistinctUsers);
            Assert.Equal(0, bills.BillsWithLineMismatch);
            var totals = await cluster.Sql.TotalsByUserAsync(Month);
            var wrong = expected.Values.Where(e => totals.GetValueOrDefault(e.UserId, -1) != e.Total).Take(10).ToList();
            Assert.True(wrong.Count == 0, $"bills differing from the expected totals: {string.Join(", ", wrong.Select(e => $"user {e.UserId}: {totals.GetValueOrDefault(e.UserId, -1)} != {e.Total}"))}");
        });
    }
}
