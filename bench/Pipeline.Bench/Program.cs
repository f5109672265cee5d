using System.Diagnostics;
using BillForU.Domain.Billing;
using BillForU.Domain.Generation;
using BillForU.Hosting.Runtime;
using BillForU.Pipeline.Bench;
using BillForU.Storage;
using BillForU.TestSupport;

// The pipeline benchmark: seeds the demo month, settles it through a real silo while the bill events flow
// to the notification grains, and prints settlement and notice throughput.
//   --scenario mariadb   settlement on MariaDB, with MariaDB's own INSERT…SELECT as the floor
//   --scenario embedded  the embedded default: SQLite, memory streams, file outboxes — settlement and notices
//   --scenario cluster   notices in cluster mode: Redis state, Kafka mock, SMTP sink and HTTP provider fakes, MariaDB
//   --scenario restart   a month settled at 23:00 in Seoul, then a silo restart: time to recover, grains woken before 08:00
// Usage: dotnet run -c Release --project bench/Pipeline.Bench -- [--users N] [--scenario mariadb|embedded|cluster|restart|all]
// As the silo's own host does (src/Silo/Program.cs), before any socket is opened.
InlineSocketCompletions.PreferUnlessSet();
var users = 1_000_000;
var scenario = "all";
for (var i = 0; i < args.Length - 1; i++)
{
    switch (args[i])
    {
        case "--users": users = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
        case "--scenario": scenario = args[++i]; break;
        default: throw new ArgumentException($"Unknown argument {args[i]}; expected --users N or --scenario mariadb|embedded|cluster|restart|all.");
    }
}

var month = new BillingMonth(2026, 10);
var spec = DatasetSpec.Validated(20_261_001, users, month);
// A million .eml files would measure the file system: the first thousand are written, the rest summarised as JSON lines.
var extra = new Dictionary<string, string?> { ["BillForU:Channels:Email:OutboxEmlFileLimit"] = "1000" };
foreach (var setting in Environment.GetEnvironmentVariable("BENCH_SETTINGS")?.Split(';', StringSplitOptions.RemoveEmptyEntries) ?? [])
{
    extra[setting[..setting.IndexOf('=')]] = setting[(setting.IndexOf('=') + 1)..];
}
Console.WriteLine($"Pipeline benchmark: {users:N0} users, month {month}, {Environment.ProcessorCount} cores");

if (scenario is "mariadb" or "all")
{
    await using var server = new MariaDbServer();
    await server.InitializeAsync();
    var connection = await server.CreateDatabaseAsync("bench_settlement");
    var dataDirectory = Directory.CreateTempSubdirectory("billforu-bench-").FullName;
    await using (var silo = await BenchSilo.StartAsync(SqlProvider.MySql, connection, dataDirectory, extra))
    {
        var (rows, seedTime) = await silo.SeedAsync(spec);
        Console.WriteLine($"mariadb  seed        {rows,12:N0} rows in {seedTime.TotalSeconds,7:F1} s = {rows / seedTime.TotalSeconds,10:N0} rows/s");
        var (run, settleTime, summary) = await silo.SettleAsync(month);
        Console.WriteLine($"mariadb  settlement  {summary.Bills,12:N0} bills, {summary.Lines:N0} lines in {settleTime.TotalSeconds,7:F1} s = {summary.Bills / settleTime.TotalSeconds,10:N0} bills/s ({run.Status}, {run.EventsPublished:N0} events)");
        var floor = await MariaDbFloor.MeasureAsync(connection, month, SettlementWindow.For(month, BenchSilo.Seoul));
        var floorTotal = floor.Bills + floor.Lines;
        Console.WriteLine($"mariadb  floor       {floor.BillRows,12:N0} bills in {floor.Bills.TotalSeconds:F1} s + {floor.LineRows:N0} lines in {floor.Lines.TotalSeconds:F1} s = {floorTotal.TotalSeconds,7:F1} s");
        Console.WriteLine($"mariadb  ratio       settlement / floor = {settleTime / floorTotal:F2}x (target <= 1.5x, settlement <= 60 s)");
    }
    await server.DropDatabaseAsync("bench_settlement");
    Directory.Delete(dataDirectory, recursive: true);
}

if (scenario is "embedded" or "all")
{
    var dataDirectory = Directory.CreateTempSubdirectory("billforu-bench-").FullName;
    var connection = $"Data Source={Path.Combine(dataDirectory, "billforu.db")}";
    await using (var silo = await BenchSilo.StartAsync(SqlProvider.Sqlite, connection, dataDirectory, extra))
    {
        var (rows, seedTime) = await silo.SeedAsync(spec);
        Console.WriteLine($"embedded seed        {rows,12:N0} rows in {seedTime.TotalSeconds,7:F1} s = {rows / seedTime.TotalSeconds,10:N0} rows/s");
        var clock = Stopwatch.StartNew();
        var (run, settleTime, summary) = await silo.SettleAsync(month, clock);
        Console.WriteLine($"embedded settlement  {summary.Bills,12:N0} bills, {summary.Lines:N0} lines in {settleTime.TotalSeconds,7:F1} s = {summary.Bills / settleTime.TotalSeconds,10:N0} bills/s ({run.Status}; target <= 120 s)");
        var (accepted, logged) = await silo.WaitForNoticesAsync(run.EventsPublished, clock);
        Console.WriteLine($"embedded pipeline    {run.EventsPublished,12:N0} bills settled and notified {logged.TotalSeconds,7:F1} s after settlement began = {run.EventsPublished / logged.TotalSeconds,10:N0} bills/s (every notice taken at {accepted.TotalSeconds:F1} s, delivery log written at {logged.TotalSeconds:F1} s)");
    }

    // The notices alone: a fresh silo (no grain state), an empty delivery log, the month's bills published again.
    await NoticeLog.ClearAsync(connection);
    await using (var silo = await BenchSilo.StartAsync(SqlProvider.Sqlite, connection, dataDirectory, extra))
    {
        var clock = Stopwatch.StartNew();
        var (published, publishedAt, accepted, logged) = await silo.NotifyStoredBillsAsync(month, streams: 8, clock);
        var counts = await silo.CountNoticesAsync();
        Console.WriteLine($"embedded notices     {published,12:N0} stored bills to notices in {logged.TotalSeconds,7:F1} s = {published / logged.TotalSeconds,10:N0} notices/s (target >= 20,000/s; events published by {publishedAt.TotalSeconds:F1} s, every notice taken at {accepted.TotalSeconds:F1} s, delivery log written at {logged.TotalSeconds:F1} s)");
        Console.WriteLine($"embedded outcomes    {string.Join(", ", counts.GroupBy(c => c.Status).Select(g => $"{g.Key} {g.Sum(c => c.Count):N0}"))}");
        Console.WriteLine($"embedded peak memory {Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024 * 1024),12:F2} GiB (target <= 4 GiB)");
    }
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    Directory.Delete(dataDirectory, recursive: true);
}

if (scenario is "cluster" or "all")
{
    await ClusterScenario.RunAsync(spec, extra);
}

if (scenario is "restart" or "all")
{
    await RestartScenario.RunAsync(spec, extra);
}
