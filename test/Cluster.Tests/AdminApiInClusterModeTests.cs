using System.Net;
using System.Text.Json;
using BillForU.Cluster.Harness;
using BillForU.Cluster.Tests.Support;
using BillForU.Domain.Billing;
using BillForU.Domain.Generation;
using BillForU.TestSupport;

namespace BillForU.Cluster.Tests;

/// <summary>
/// Drill 5: the admin API as its own process in cluster mode — an Orleans client of a real cluster (Redis membership),
/// reading the cluster's MySQL store, with keys from configuration — answers health, stats and a settlement started
/// and followed through it.
/// </summary>
[Collection(ClusterDrills.Name)]
public sealed class AdminApiInClusterModeTests(MariaDbServer mariaDb, ITestOutputHelper output)
{
    private const int Users = 2_000;
    private static readonly BillingMonth Month = new(2026, 10);

    [Fact]
    public async Task Health_stats_and_a_settlement_work_through_the_admin_api_against_a_real_cluster()
    {
        await using var cluster = await LocalCluster.StartAsync(mariaDb, new LocalClusterOptions { Name = "drill-admin", SettlementPartitions = 4, ChunkSize = 500 });
        await DrillRun.RunAsync(cluster, output, async () =>
        {
            var siloStarting = cluster.StartSiloAsync();
            await cluster.SeedAsync(DatasetSpec.Validated(20_261_001, Users, Month));
            await siloStarting;
            var api = await cluster.StartAdminApiAsync();
            using var anonymous = api.Client();
            using var reader = api.Client(api.ReaderKey);
            using var operatorClient = api.Client(api.OperatorKey);

            // Health: the SQL store and the Orleans client both up (the client may still be connecting at first).
            var health = await Eventually.ReachAsync(
                async () => (await anonymous.GetAsync("health")).EnsureSuccessStatusCode(), _ => true, TimeSpan.FromSeconds(60), "GET /health to answer 200");
            using (var body = JsonDocument.Parse(await health.Content.ReadAsStringAsync()))
            {
                output.WriteLine($"GET /health: {body.RootElement}");
                Assert.Equal("UP", body.RootElement.GetProperty("status").GetString());
                Assert.Equal("UP", body.RootElement.GetProperty("components").GetProperty("orleans").GetProperty("status").GetString());
                Assert.Equal("UP", body.RootElement.GetProperty("components").GetProperty("sql").GetProperty("status").GetString());
            }

            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("api/data/stats")).StatusCode);
            using (var stats = JsonDocument.Parse(await reader.GetStringAsync("api/data/stats")))
            {
                output.WriteLine($"GET /api/data/stats: {stats.RootElement}");
                Assert.Equal(Users, stats.RootElement.GetProperty("dataset").GetProperty("users").GetInt32());
            }

            Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostAsync($"api/settlement/{Month}", null)).StatusCode);
            var start = await operatorClient.PostAsync($"api/settlement/{Month}", null);
            output.WriteLine($"POST /api/settlement/{Month}: {(int)start.StatusCode} {await start.Content.ReadAsStringAsync()}");
            Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);

            var run = await Eventually.ReachAsync(
                async () => JsonDocument.Parse(await reader.GetStringAsync($"api/settlement/{Month}")).RootElement.Clone(),
                r => !string.Equals(r.GetProperty("status").GetString(), "Running", StringComparison.OrdinalIgnoreCase),
                TimeSpan.FromMinutes(2), "the run to end", TimeSpan.FromMilliseconds(500));
            output.WriteLine($"GET /api/settlement/{Month}: {run}");
            Assert.Equal("Completed", run.GetProperty("status").GetString(), ignoreCase: true);
            var bills = await cluster.Sql.BillsAsync(Month);
            Assert.Equal(bills.Bills, run.GetProperty("billsWritten").GetInt64());
            Assert.True(bills.Bills > Users * 9 / 10, $"only {bills.Bills} bills for {Users} users");

            var again = await operatorClient.PostAsync($"api/settlement/{Month}", null);
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

            // The notices of the run reach the captures and the delivery log, which the API reports.
            await Drills.WaitForEveryBillDoneAsync(cluster, Month, bills.Bills, TimeSpan.FromMinutes(2));
            using var summary = JsonDocument.Parse(await reader.GetStringAsync("api/data/stats"));
            output.WriteLine($"GET /api/data/stats after dispatch: {summary.RootElement}");
            Assert.Equal(bills.Bills, summary.RootElement.GetProperty("noticesTotal").GetInt64());
        });
    }
}
