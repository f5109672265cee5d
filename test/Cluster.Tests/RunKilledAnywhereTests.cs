using System.Globalization;
using System.Text.Json;
using BillForU.Cluster.Harness;
using BillForU.TestSupport;
using Microsoft.Data.Sqlite;
using MySqlConnector;

namespace BillForU.Cluster.Tests;

/// <summary>
/// The README's run command (embedded mode, <c>--exit</c>) killed with SIGKILL at each stage of a month: seeding,
/// settling, right after the settlement summary, and while notices go out. Run again, it finishes (exit 0); then
/// <c>reconcile</c> finds no bill without a notice, and the outboxes hold every SENT notice exactly once.
/// </summary>
[Collection(ClusterDrills.Name)]
public sealed class RunKilledAnywhereTests(MariaDbServer mariaDb, ITestOutputHelper output)
{
    private const int Users = 16_000;
    private const string Month = "2026-10";
    private static readonly TimeSpan StageTimeout = TimeSpan.FromMinutes(3);

    public enum Stage
    {
        Seeding,
        Settling,
        AfterSettlementSummary,
        Notifying,
    }

    [Theory]
    [InlineData(Stage.Seeding)]
    [InlineData(Stage.Settling)]
    [InlineData(Stage.AfterSettlementSummary)]
    [InlineData(Stage.Notifying)]
    public async Task Sqlite_run_killed_then_rerun_notifies_every_bill_once(Stage stage)
    {
        var directory = Directory.CreateTempSubdirectory("billforu-kill-");
        try
        {
            var dataDir = Path.Combine(directory.FullName, "data");
            await DrillAsync(stage, dataDir, [], () => SqliteSentIdsAsync(Path.Combine(dataDir, "billforu.db")));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            directory.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData(Stage.Seeding)]
    [InlineData(Stage.Settling)]
    [InlineData(Stage.AfterSettlementSummary)]
    [InlineData(Stage.Notifying)]
    public async Task MariaDb_run_killed_then_rerun_notifies_every_bill_once(Stage stage)
    {
        var database = MariaDbServer.UniqueDatabaseName("kill");
        var connection = await mariaDb.CreateDatabaseAsync(database);
        var directory = Directory.CreateTempSubdirectory("billforu-kill-");
        try
        {
            await DrillAsync(stage, Path.Combine(directory.FullName, "data"), ["--sql-provider", "MySql", "--sql", connection],
                () => new SqlProbe(connection).SentNotificationIdsAsync(Domain.Billing.BillingMonth.Parse(Month)));
        }
        finally
        {
            MySqlConnection.ClearAllPools();
            await mariaDb.DropDatabaseAsync(database);
            directory.Delete(recursive: true);
        }
    }

    private async Task DrillAsync(Stage stage, string dataDir, string[] store, Func<Task<HashSet<string>>> sentIds)
    {
        string[] common = ["--data-dir", dataDir, .. store];
        string[] Run() =>
        [
            "--users", Users.ToString(CultureInfo.InvariantCulture), "--month", Month, "--exit",
            "--silo-port", Port(), "--gateway-port", Port(), "--dashboard-port", Port(), .. common,
        ];

        await using (var first = Start("killed-run", Run()))
        {
            var line = await first.WaitForLineAsync(KillLine(stage), StageTimeout, $"the {stage} stage");
            await Task.Delay(stage switch { Stage.Settling => 300, Stage.Notifying => 1_500, _ => 0 });
            Assert.False(first.HasExited, $"the run ended before the kill at {stage}:\n{first.Tail(40)}");
            await first.KillAsync();
            output.WriteLine($"killed at {stage} after: {line}");
        }

        await using (var second = Start("rerun", Run()))
        {
            var exit = await ExitCodeAsync(second);
            Assert.True(exit == 0, $"the rerun exited {exit}:\n{second.Tail(40)}");
            output.WriteLine(string.Join('\n', second.Lines.Where(l => l.Contains("Dataset:", StringComparison.Ordinal) || l.Contains("Handed over", StringComparison.Ordinal) || l.Contains("resumed", StringComparison.OrdinalIgnoreCase))));
        }

        await using (var reconcile = Start("reconcile", ["reconcile", "--month", Month, .. common]))
        {
            var exit = await ExitCodeAsync(reconcile);
            output.WriteLine(string.Join('\n', reconcile.Lines));
            Assert.True(exit == 0, $"reconcile exited {exit}:\n{reconcile.Tail(20)}");
            Assert.Contains(reconcile.Lines, l => Text(l).StartsWith("Every bill has its notice", StringComparison.Ordinal));
            Assert.Contains(reconcile.Lines, l => Text(l).Trim() == "notices sent more than once: 0");
        }

        var sent = await sentIds();
        var outboxIds = OutboxNoticeIds(Path.Combine(dataDir, "outbox"));
        var repeated = outboxIds.GroupBy(id => id).Where(g => g.Count() > 1).Select(g => g.Key).Take(10).ToList();
        Assert.True(repeated.Count == 0, $"notices in the outboxes more than once: {string.Join(", ", repeated)}");
        var outbox = outboxIds.ToHashSet();
        // No floor on SENT: at night in Seoul most notices wait for 08:00 (reconcile above counts them as waiting).
        Assert.True(outbox.SetEquals(sent),
            $"outboxes and SENT rows differ: {outbox.Except(sent).Count()} written but not SENT, {sent.Except(outbox).Count()} SENT but not written");
    }

    private static Func<string, bool> KillLine(Stage stage) => stage switch
    {
        Stage.Seeding => l => Text(l).StartsWith("Seeding ", StringComparison.Ordinal),
        Stage.Settling => l => Text(l).StartsWith($"Settling {Month}: run", StringComparison.Ordinal),
        Stage.AfterSettlementSummary => l => Text(l).TrimStart().StartsWith("throughput", StringComparison.Ordinal),
        _ => l => Text(l).StartsWith("Notifying ", StringComparison.Ordinal),
    };

    // A line as the process wrote it, without the seconds-since-start the capture puts in front.
    private static string Text(string line) => line[(line.IndexOf("] ", StringComparison.Ordinal) + 2)..];

    private ManagedProcess Start(string name, IEnumerable<string> arguments) =>
        ManagedProcess.Start(name, ProductBinaries.DotnetHost, [ProductBinaries.SiloDll, .. arguments], new Dictionary<string, string?>());

    private static async Task<int> ExitCodeAsync(ManagedProcess process)
    {
        var deadline = DateTime.UtcNow + StageTimeout;
        while (!process.HasExited)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{process.Name} did not exit within {StageTimeout.TotalMinutes} min:\n{process.Tail(40)}");
            await Task.Delay(100);
        }
        await Task.Delay(200); // the output readers drain what the process wrote last
        return process.ExitCode!.Value;
    }

    /// <summary>Every notice id in the outboxes: .eml files by name, and each .jsonl line's notificationId.</summary>
    private static List<string> OutboxNoticeIds(string outbox)
    {
        var ids = new List<string>();
        var email = Path.Combine(outbox, "email");
        if (Directory.Exists(email))
        {
            ids.AddRange(Directory.EnumerateFiles(email, "*.eml").Select(f => Path.GetFileNameWithoutExtension(f)));
        }
        if (Directory.Exists(outbox))
        {
            foreach (var file in Directory.EnumerateFiles(outbox, "*.jsonl"))
            {
                ids.AddRange(File.ReadLines(file).Where(line => line.Length > 0)
                    .Select(line => JsonDocument.Parse(line).RootElement.GetProperty("notificationId").GetString()!));
            }
        }
        return ids;
    }

    private static async Task<HashSet<string>> SqliteSentIdsAsync(string database)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT bill_id, channel FROM notification_deliveries WHERE billing_month = @month AND status = 'SENT'";
        command.Parameters.AddWithValue("@month", Month);
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new HashSet<string>();
        while (await reader.ReadAsync())
        {
            ids.Add($"{reader.GetInt64(0)}-{reader.GetString(1).ToLowerInvariant()}");
        }
        return ids;
    }

    private static string Port() => FreePorts.Next().ToString(CultureInfo.InvariantCulture);
}
