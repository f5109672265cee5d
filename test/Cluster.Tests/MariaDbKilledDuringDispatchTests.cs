using System.Text.Json;
using BillForU.Cluster.Harness;
using BillForU.Cluster.Tests.Support;
using BillForU.Domain.Billing;
using BillForU.Domain.Generation;
using BillForU.Domain.Settlement;
using BillForU.Grains.Interfaces.Settlement;
using BillForU.TestSupport;

namespace BillForU.Cluster.Tests;

/// <summary>
/// Drill 5: MariaDB — the cluster's SQL store — is killed (SIGKILL) while notices go out and started again on the same
/// port and data 20 s later. Before, the delivery log writer of each silo gave up after ten tries and stopped its host.
/// The server is one this drill owns, so the MariaDB the other drills share is untouched. The silos and the admin API
/// stay up, the admin API's /health goes DEGRADED and back to UP, and every bill is delivered exactly as the log says.
/// </summary>
[Collection(ClusterDrills.Name)]
public sealed class MariaDbKilledDuringDispatchTests(ITestOutputHelper output)
{
    private const int Users = 10_000;
    private static readonly BillingMonth Month = new(2026, 10);
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task The_cluster_waits_the_outage_out_and_delivers_every_bill_exactly_once()
    {
        await using var mariaDb = await MariaDbServer.StartOwnedAsync();
        await using var cluster = await LocalCluster.StartAsync(mariaDb, new LocalClusterOptions
        {
            Name = "drill-mariadb",
            SettlementPartitions = 8,
            ChunkSize = 1_000,
        });
        await DrillRun.RunAsync(cluster, output, async () =>
        {
            var silosStarting = cluster.StartSilosAsync(2);
            await cluster.SeedAsync(DatasetSpec.Validated(20_261_001, Users, Month));
            var silos = await silosStarting;
            var api = await cluster.StartAdminApiAsync();
            var client = await cluster.ConnectClientAsync();
            using var stopPolling = new CancellationTokenSource();
            var health = new List<string>();
            var polling = PollHealthAsync(api, health, stopPolling.Token);

            var clock = System.Diagnostics.Stopwatch.StartNew();
            await client.Coordinator(Month).StartAsync(new SettlementRequest());
            await Eventually.ReachAsync(
                () => Task.FromResult(silos.Sum(s => s.Counters.Sent)), sent => sent >= Users / 5, TimeSpan.FromMinutes(3), "a fifth of the notices sent");
            var sentBefore = silos.Sum(s => s.Counters.Sent);
            await mariaDb.KillAsync();
            output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: MariaDB killed after {sentBefore:N0} notices were sent");
            await Task.Delay(Outage);
            Assert.All(silos, silo => Assert.True(silo.IsAlive, $"{silo.Name} stopped during the MariaDB outage"));
            await mariaDb.RestartAsync();
            output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: MariaDB started again");

            var run = await Eventually.ReachAsync(
                () => client.Coordinator(Month).GetStatusAsync(), r => r is { Status: not SettlementRunStatus.Running }, TimeSpan.FromMinutes(3),
                "the settlement run to end", TimeSpan.FromSeconds(1));
            Assert.Equal(SettlementRunStatus.Completed, run!.Status);
            var bills = (await cluster.Sql.BillsAsync(Month)).Bills;
            var done = await Drills.WaitForEveryBillDoneAsync(cluster, Month, bills, TimeSpan.FromMinutes(4));
            output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: {done:N0} of {bills:N0} bills sent or dead-lettered");
            await Eventually.ReachAsync(() => Task.FromResult(Last(health)), status => status == "UP", TimeSpan.FromSeconds(30), "/health UP again");
            await stopPolling.CancelAsync();
            await polling;
            output.WriteLine($"/health over the drill: {string.Join(" → ", health)}");

            await Drills.AssertDeliveredExactlyAsync(cluster, Month, bills, output);
            Assert.All(silos, silo => Assert.True(silo.IsAlive, $"{silo.Name} stopped after the MariaDB outage"));
            Assert.False(api.Process.HasExited, "the admin API stopped during the MariaDB outage");
            Assert.Contains("DEGRADED", health);

            // What an operator checks afterwards: the admin API's reconciliation of the month.
            using var reader = api.Client(api.ReaderKey);
            using var report = JsonDocument.Parse(await reader.GetStringAsync($"api/reconciliation/{Month}"));
            output.WriteLine($"reconciliation: {report.RootElement}");
            Assert.Equal(bills, report.RootElement.GetProperty("bills").GetInt64());
            Assert.Empty(report.RootElement.GetProperty("firstMissingBillIds").EnumerateArray());
            Assert.Equal(0, report.RootElement.GetProperty("statuses").EnumerateArray()
                .Where(s => s.GetProperty("status").GetString() == "Missing").Sum(s => s.GetProperty("bills").GetInt64()));
            Assert.Equal(0, report.RootElement.GetProperty("noticesSentMoreThanOnce").GetInt64());
        });
    }

    private static string? Last(List<string> health)
    {
        lock (health)
        {
            return health.Count > 0 ? health[^1] : null;
        }
    }

    /// <summary>Records each change of the admin API's overall /health status.</summary>
    private static async Task PollHealthAsync(AdminApiProcess api, List<string> health, CancellationToken cancellationToken)
    {
        using var anonymous = api.Client();
        while (!cancellationToken.IsCancellationRequested)
        {
            string status;
            try
            {
                using var response = await anonymous.GetAsync("health", cancellationToken);
                using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
                status = body.RootElement.GetProperty("status").GetString() ?? "?";
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is HttpRequestException or JsonException or OperationCanceledException)
            {
                status = "unreachable";
            }
            lock (health)
            {
                if (health.Count == 0 || health[^1] != status)
                {
                    health.Add(status);
                }
            }
            try
            {
                await Task.Delay(250, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
