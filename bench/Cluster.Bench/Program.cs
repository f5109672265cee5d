using System.Globalization;
using BillForU.Cluster.Bench;
using BillForU.Domain.Billing;
using BillForU.Domain.Generation;
using BillForU.TestSupport;

// The cluster benchmark: the full pipeline (seed, settle, notify to an SMTP capture and HTTP fakes) on real silo processes
// with real Redis and MariaDB and librdkafka's mock brokers, on 1 silo and then on 2, printed side by side.
// Usage: dotnet run -c Release --project bench/Cluster.Bench -- [--users N] [--silos 1,2] [--kafka-partitions N] [--setting NAME=VALUE]...
// (--setting: an environment variable of every silo, e.g. BillForU__Notifications__AcknowledgeAfterLogWritten=false)
// With BILLFORU_TEST_MYSQL set it uses that MariaDB server; otherwise it starts a private one (mariadb-server and
// redis-server must be installed: bash scripts/test.sh installs both).
var users = 100_000;
int[] siloCounts = [1, 2];
var kafkaPartitions = 3;
var settings = new Dictionary<string, string?>();
for (var i = 0; i < args.Length - 1; i++)
{
    switch (args[i])
    {
        case "--users": users = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--silos": siloCounts = args[++i].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray(); break;
        case "--kafka-partitions": kafkaPartitions = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--setting":
            var setting = args[++i];
            settings[setting[..setting.IndexOf('=', StringComparison.Ordinal)]] = setting[(setting.IndexOf('=', StringComparison.Ordinal) + 1)..];
            break;
        default: throw new ArgumentException($"Unknown argument {args[i]}; expected --users N, --silos 1,2, --kafka-partitions N or --setting NAME=VALUE.");
    }
}

var month = new BillingMonth(2026, 10);
var spec = DatasetSpec.Validated(20_261_001, users, month);
Console.WriteLine($"Cluster benchmark: {users:N0} users, month {month}, {Environment.ProcessorCount} cores, Kafka mock with {kafkaPartitions} partitions"
    + string.Concat(settings.Select(s => $", {s.Key}={s.Value}")));
await using var mariaDb = new MariaDbServer();
await mariaDb.InitializeAsync();
var results = new List<ScenarioResult>();
foreach (var silos in siloCounts)
{
    results.Add(await ClusterScenario.RunAsync(mariaDb, spec, silos, kafkaPartitions, settings, Console.Out));
}
await mariaDb.DisposeAsync();

static string GiB(long bytes) => $"{bytes / (1024.0 * 1024 * 1024):F2} GiB";
var columns = results.Select(r => $"{r.Silos} silo{(r.Silos == 1 ? "" : "s")}").ToList();
void Row(string label, Func<ScenarioResult, string> value) =>
    Console.WriteLine($"{label,-34}{string.Concat(results.Select(r => $"{value(r),18}"))}");
Console.WriteLine();
Console.WriteLine($"{"",-34}{string.Concat(columns.Select(c => $"{c,18}"))}");
Row("seed (rows, s)", r => $"{r.SeedRows / 1000:N0}k in {r.Seed.TotalSeconds:F1}");
Row("bills", r => $"{r.Bills:N0}");
Row("settle (s)", r => $"{r.Settle.TotalSeconds:F1}");
Row("bills/s", r => $"{r.BillsPerSecond:N0}");
Row("notices end to end (s)", r => $"{r.Notified.TotalSeconds:F1}");
Row("notices/s", r => $"{r.NoticesPerSecond:N0}");
Row("emails / SMS+push delivered", r => $"{r.EmailsCaptured:N0}/{r.HttpDelivered:N0}");
Row("resends (same message again)", r => $"{r.Resends:N0}");
for (var i = 0; i < results.Max(r => r.Processes.Count); i++)
{
    var index = i;
    Row($"silo{index + 1} peak memory", r => index < r.Processes.Count ? GiB(r.Processes[index].PeakBytes) : "-");
    Row($"silo{index + 1} bills settled / notices sent", r => index < r.Processes.Count
        ? $"{r.Processes[index].Counters.BillsSettled / 1000.0:N1}k/{r.Processes[index].Counters.Sent / 1000.0:N1}k" : "-");
}
Row("bench process peak (captures, mock)", r => GiB(r.HarnessPeakBytes));
if (results.Any(r => r.DataLossLines > 0))
{
    Console.WriteLine("WARNING: a silo logged DATA LOSS (the Kafka mock's retention outran a consumer); the figures are not valid.");
}
Console.WriteLine();
Console.WriteLine($"On {Environment.ProcessorCount} cores every silo shares the same cores with MariaDB, Redis, the Kafka mock and the captures: "
    + "a second silo measures the cost of distribution (remote grain calls, queue balancing, two processes' GC), not a speed-up.");
