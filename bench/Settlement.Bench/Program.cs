using BillForU.Domain.Billing;
using BillForU.Domain.Generation;
using BillForU.Settlement.Bench;
using BillForU.Storage;
using BillForU.TestSupport;

// Settlement benchmark: seeds the demo month into MariaDB (and SQLite), settles it through a real silo,
// and times MariaDB computing the same bills and lines by itself as the floor.
// Usage: dotnet run -c Release --project bench/Settlement.Bench -- [--users N] [--store mysql|sqlite|both]
var users = 1_000_000;
var store = "both";
for (var i = 0; i < args.Length - 1; i++)
{
    switch (args[i])
    {
        case "--users": users = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
        case "--store": store = args[++i]; break;
        default: throw new ArgumentException($"Unknown argument {args[i]}; expected --users N or --store mysql|sqlite|both.");
    }
}

var month = new BillingMonth(2026, 10);
var spec = DatasetSpec.Validated(20_261_001, users, month);
var extra = new Dictionary<string, string?>();
Console.WriteLine($"Settlement benchmark: {users:N0} users, month {month}, {Environment.ProcessorCount} cores");

if (store is "mysql" or "both")
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

if (store is "sqlite" or "both")
{
    var dataDirectory = Directory.CreateTempSubdirectory("billforu-bench-").FullName;
    var connection = $"Data Source={Path.Combine(dataDirectory, "billforu.db")}";
    await using (var silo = await BenchSilo.StartAsync(SqlProvider.Sqlite, connection, dataDirectory, extra))
    {
        var (rows, seedTime) = await silo.SeedAsync(spec);
        Console.WriteLine($"sqlite   seed        {rows,12:N0} rows in {seedTime.TotalSeconds,7:F1} s = {rows / seedTime.TotalSeconds,10:N0} rows/s");
        var (run, settleTime, summary) = await silo.SettleAsync(month);
        Console.WriteLine($"sqlite   settlement  {summary.Bills,12:N0} bills, {summary.Lines:N0} lines in {settleTime.TotalSeconds,7:F1} s = {summary.Bills / settleTime.TotalSeconds,10:N0} bills/s ({run.Status}, {run.EventsPublished:N0} events; target <= 120 s)");
    }
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    Directory.Delete(dataDirectory, recursive: true);
}
