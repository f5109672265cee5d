using BillForU.Silo.Cli;
using BillForU.TestSupport;
using MySqlConnector;
using Xunit.Abstractions;

namespace BillForU.Silo.Tests.Outages;

/// <summary>
/// Before: a 20 s MariaDB outage mid-dispatch made the delivery log writer throw after ten tries, and the host stopped
/// with a screen of stack traces. The drill kills a MariaDB this test owns (SIGKILL, its own port and data directory,
/// so the shared server of the other tests is untouched) for 20 s while notices go out, then starts it again.
/// </summary>
public sealed class MySqlOutageDrillTests(ITestOutputHelper log)
{
    private const int Users = 3_000;
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_MariaDB_killed_for_20_s_mid_dispatch_is_waited_out_and_every_bill_still_gets_its_notice_once()
    {
        await using var server = await MariaDbServer.StartOwnedAsync();
        var connectionString = await server.CreateDatabaseAsync(MariaDbServer.UniqueDatabaseName("outage"));
        await using var drill = new EmbeddedOutageDrill();
        drill.Start(Users, "--sql-provider", "MySql", "--sql", connectionString);

        await drill.WaitForDispatchAsync(() => CountAsync(connectionString, SentRows), TimeSpan.FromSeconds(120));
        var sentAtKill = await CountAsync(connectionString, SentRows);
        var killedAt = drill.Elapsed;
        await server.KillAsync();
        await Task.Delay(Outage);
        Assert.False(drill.Run.IsCompleted, $"The run ended during the outage:\n{drill.Output}");
        await server.RestartAsync();
        await drill.WaitForServingAsync(TimeSpan.FromSeconds(180));

        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync();
        var bills = await EmbeddedOutageDrill.CountAsync(connection, $"SELECT COUNT(*) FROM bills WHERE billing_month = '{EmbeddedOutageDrill.Month}'");
        var missing = await EmbeddedOutageDrill.CountBillsWithoutDeliveryAsync(connection);
        var duplicates = drill.DuplicateNoticeIds(out var notices);
        await WaitForHealthAsync(drill, "UP");
        var health = drill.Health;
        log.WriteLine($"bills {bills:N0}, notices sent at the kill {sentAtKill:N0}, outbox notices {notices:N0}; health: " +
            string.Join(", ", health.Select(h => $"{h.At.TotalSeconds:F1}s {h.Status}")));
        log.WriteLine(drill.Output);

        Assert.True(sentAtKill < bills, $"the outage came after dispatch ({sentAtKill} of {bills} already sent)");
        Assert.Equal(0, missing);
        Assert.Empty(duplicates);
        Assert.Contains(health, h => h.Status == "DEGRADED" && h.At >= killedAt);
        Assert.Equal("UP", health[^1].Status);
        Assert.DoesNotContain("   at ", drill.Output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Success, await drill.StopAsync());
        await drill.AssertReconciledAsync();
    }

    internal static async Task WaitForHealthAsync(EmbeddedOutageDrill drill, string status)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (drill.Health is not [.., var last] || last.Status != status)
        {
            Assert.False(timeout.IsCancellationRequested, $"/health did not become {status}: {string.Join(", ", drill.Health.Select(h => h.Status))}");
            await Task.Delay(100);
        }
    }

    // Every bill gets a delivery row as soon as its notice is taken; SENT rows say how far the (paced) sending got.
    private const string SentRows = "SELECT COUNT(*) FROM notification_deliveries WHERE status = 'SENT'";

    private static async Task<long> CountAsync(string connectionString, string sql)
    {
        try
        {
            await using var connection = new MySqlConnection(connectionString);
            await connection.OpenAsync();
            return await EmbeddedOutageDrill.CountAsync(connection, sql);
        }
        catch (MySqlException e) when (e.ErrorCode == MySqlErrorCode.NoSuchTable)
        {
            // Not migrated yet.
            return 0;
        }
    }
}
