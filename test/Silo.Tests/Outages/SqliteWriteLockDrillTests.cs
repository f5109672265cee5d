using BillForU.Silo.Cli;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace BillForU.Silo.Tests.Outages;

/// <summary>
/// The embedded database write-locked for 20 s mid-dispatch by another connection (BEGIN EXCLUSIVE, as a backup tool or
/// a second process would): writes fail as SQLITE_BUSY after the busy timeout and are waited out, not fatal.
/// </summary>
public sealed class SqliteWriteLockDrillTests(ITestOutputHelper log)
{
    private const int Users = 3_000;
    private static readonly TimeSpan Lock = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task The_database_write_locked_for_20_s_mid_dispatch_is_waited_out_and_every_bill_still_gets_its_notice_once()
    {
        await using var drill = new EmbeddedOutageDrill();
        var database = Path.Combine(drill.DataDirectory, "billforu.db");
        // Its own connection outside the run's pool, like another process on the same file.
        var connectionString = new SqliteConnectionStringBuilder { DataSource = database, Pooling = false }.ToString();
        drill.Start(Users);

        await drill.WaitForDispatchAsync(() => CountAsync(connectionString, SentRows), TimeSpan.FromSeconds(120));
        long sentAtLock;
        var lockedAt = drill.Elapsed;
        await using (var holder = new SqliteConnection(connectionString))
        {
            await holder.OpenAsync();
            await using (var begin = holder.CreateCommand())
            {
                begin.CommandText = "BEGIN EXCLUSIVE";
                await begin.ExecuteNonQueryAsync();
            }
            sentAtLock = await EmbeddedOutageDrill.CountAsync(holder, SentRows);
            await Task.Delay(Lock);
            Assert.False(drill.Run.IsCompleted, $"The run ended while the database was locked:\n{drill.Output}");
            await using var rollback = holder.CreateCommand();
            rollback.CommandText = "ROLLBACK";
            await rollback.ExecuteNonQueryAsync();
        }
        await drill.WaitForServingAsync(TimeSpan.FromSeconds(180));

        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        var bills = await EmbeddedOutageDrill.CountAsync(connection, $"SELECT COUNT(*) FROM bills WHERE billing_month = '{EmbeddedOutageDrill.Month}'");
        var missing = await EmbeddedOutageDrill.CountBillsWithoutDeliveryAsync(connection);
        var duplicates = drill.DuplicateNoticeIds(out var notices);
        await MySqlOutageDrillTests.WaitForHealthAsync(drill, "UP");
        var health = drill.Health;
        log.WriteLine($"bills {bills:N0}, notices sent at the lock {sentAtLock:N0}, outbox notices {notices:N0}; health: " +
            string.Join(", ", health.Select(h => $"{h.At.TotalSeconds:F1}s {h.Status}")));
        log.WriteLine(drill.Output);

        Assert.True(sentAtLock < bills, $"the lock came after dispatch ({sentAtLock} of {bills} already sent)");
        Assert.Equal(0, missing);
        Assert.Empty(duplicates);
        Assert.Contains(health, h => h.Status == "DEGRADED" && h.At >= lockedAt);
        Assert.Equal("UP", health[^1].Status);
        Assert.DoesNotContain("   at ", drill.Output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Success, await drill.StopAsync());
        await drill.AssertReconciledAsync();
    }

    // Every bill gets a delivery row as soon as its notice is taken; SENT rows say how far the (paced) sending got.
    private const string SentRows = "SELECT COUNT(*) FROM notification_deliveries WHERE status = 'SENT'";

    private static async Task<long> CountAsync(string connectionString, string sql)
    {
        try
        {
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync();
            return await EmbeddedOutageDrill.CountAsync(connection, sql);
        }
        catch (SqliteException)
        {
            // The file or the table is not there yet.
            return 0;
        }
    }
}
