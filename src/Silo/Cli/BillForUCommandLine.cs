using System.CommandLine;
using System.Globalization;
using BillForU.Domain.Billing;
using BillForU.Domain.Generation;
using BillForU.Silo.Jobs;

namespace BillForU.Silo.Cli;

/// <summary>The silo's command line: with no command it runs the main job (seed if needed, settle, summarise).</summary>
public static class BillForUCommandLine
{
    public const int DefaultUsers = 100_000;
    public const long DefaultSeed = 20_261_001;

    public static RootCommand Create(TextWriter? output = null)
    {
        var month = new Option<string?>("--month") { Description = "Billing month yyyy-MM (default: the month before today in the operator's zone)." };
        var users = new Option<int>("--users") { Description = $"Users in the demo dataset, up to {DatasetSpec.MaxUsers:N0}.", DefaultValueFactory = _ => DefaultUsers };
        var seed = new Option<long>("--seed") { Description = "Seed of the deterministic demo dataset.", DefaultValueFactory = _ => DefaultSeed };
        var force = new Option<bool>("--force") { Description = "Settle the month again even if it is already settled." };
        var reset = new Option<bool>("--reset") { Description = "Replace a dataset of another size or seed instead of refusing." };
        var partitions = new Option<int?>("--partitions") { Description = "Partitions to split the month into (default: 4 per core)." };
        var chunkSize = new Option<int?>("--chunk-size") { Description = "Users per settlement chunk (default 5,000)." };
        var mode = new Option<string?>("--mode") { Description = "embedded (default: no services needed) or cluster." };
        var dataDir = new Option<string?>("--data-dir") { Description = "Folder of the embedded database, key file and outboxes (default ./data)." };
        var sqlProvider = new Option<string?>("--sql-provider") { Description = "Sqlite (default in embedded mode) or MySql." };
        var sql = new Option<string?>("--sql") { Description = "Connection string of the SQL database." };
        var kafka = new Option<string?>("--kafka") { Description = "Kafka bootstrap servers (cluster mode), e.g. 127.0.0.1:9092." };
        var siloPort = new Option<int?>("--silo-port") { Description = "Orleans silo port (default 11111)." };
        var gatewayPort = new Option<int?>("--gateway-port") { Description = "Orleans gateway port (default 30000)." };
        var redis = new Option<string?>("--redis") { Description = "Redis configuration string (cluster mode), e.g. 127.0.0.1:6379." };
        var exit = new Option<bool>("--exit") { Description = "Exit after the summary instead of serving the admin API and dashboards (for scripts, tests and benchmarks)." };
        var dashboardPort = new Option<int?>("--dashboard-port")
        {
            Description = $"Port of the admin API and dashboards served on localhost after the summary (default {SiloHost.DefaultAdminPort}; BillForU:Admin:Url sets the whole address).",
        };

        Option[] hostOptions = [mode, dataDir, sqlProvider, sql, redis, kafka, siloPort, gatewayPort];
        foreach (var option in hostOptions)
        {
            option.Recursive = true;
        }
        var root = new RootCommand("BillForU: settles a month of subscriber charges into bills on Orleans, and tells every subscriber.")
        {
            month, users, seed, force, reset, partitions, chunkSize, mode, dataDir, sqlProvider, sql, redis, kafka, siloPort, gatewayPort,
            exit, dashboardPort,
        };
        Dictionary<string, string?> HostSettings(ParseResult parse) => new Dictionary<string, string?>
        {
            ["BillForU:Mode"] = parse.GetValue(mode),
            ["BillForU:DataDirectory"] = parse.GetValue(dataDir),
            ["BillForU:Sql:Provider"] = parse.GetValue(sqlProvider),
            ["BillForU:Sql:ConnectionString"] = parse.GetValue(sql),
            ["BillForU:Redis"] = parse.GetValue(redis),
            ["BillForU:Kafka:BootstrapServers"] = parse.GetValue(kafka),
            ["BillForU:Orleans:SiloPort"] = parse.GetValue(siloPort)?.ToString(CultureInfo.InvariantCulture),
            ["BillForU:Orleans:GatewayPort"] = parse.GetValue(gatewayPort)?.ToString(CultureInfo.InvariantCulture),
        }.Where(s => s.Value is not null).ToDictionary();

        var reportEvery = new Option<int>("--report-every")
        {
            Description = "Seconds between the silo's counter lines (bills settled, notices taken and sent here), printed while they change; 0: never.",
            DefaultValueFactory = _ => 10,
        };
        var serve = new Command("serve", "Run a silo until stopped (Ctrl+C): join the cluster, take a share of settlement partitions, stream queues and notices.")
        {
            reportEvery,
        };
        serve.SetAction(async (parse, cancellationToken) =>
        {
            var writer = output ?? Console.Out;
            if (parse.GetValue(reportEvery) is < 0 and var seconds)
            {
                await writer.WriteLineAsync($"error: --report-every must be 0 or more seconds, not {seconds}.");
                return ExitCodes.BadInput;
            }
            return await ServeJob.RunAsync(HostSettings(parse), TimeSpan.FromSeconds(parse.GetValue(reportEvery)), writer, cancellationToken);
        });
        root.Subcommands.Add(serve);
        var reconcileMonth = new Option<string>("--month") { Description = "Billing month yyyy-MM to reconcile.", Required = true };
        var repair = new Option<bool>("--repair") { Description = "Hand the bills without a notice record over to their notification grains." };
        var reconcile = new Command("reconcile", "Report what became of every bill of a month (sent, waiting, retrying, dead-lettered, missing); exit 1 if any is missing.")
        {
            reconcileMonth, repair,
        };
        reconcile.SetAction(async (parse, cancellationToken) =>
        {
            var writer = output ?? Console.Out;
            var text = parse.GetValue(reconcileMonth);
            if (!BillingMonth.TryParse(text, out var billingMonth))
            {
                await writer.WriteLineAsync($"error: '{text}' is not a billing month: expected yyyy-MM with a month from 01 to 12, e.g. 2026-10.");
                return ExitCodes.BadInput;
            }
            return await ReconcileJob.RunAsync(HostSettings(parse), billingMonth, parse.GetValue(repair), writer, cancellationToken);
        });
        root.Subcommands.Add(reconcile);
        root.SetAction(async (parse, cancellationToken) =>
        {
            var writer = output ?? Console.Out;
            var monthText = parse.GetValue(month);
            if (monthText is not null && !BillingMonth.TryParse(monthText, out _))
            {
                await writer.WriteLineAsync($"error: '{monthText}' is not a billing month: expected yyyy-MM with a month from 01 to 12, e.g. 2026-10.");
                return ExitCodes.BadInput;
            }
            var userCount = parse.GetValue(users);
            if (userCount is < 0 or > DatasetSpec.MaxUsers)
            {
                await writer.WriteLineAsync($"error: --users must be between 0 and {DatasetSpec.MaxUsers:N0}, not {userCount:N0}.");
                return ExitCodes.BadInput;
            }
            if (parse.GetValue(partitions) is < 1 || parse.GetValue(chunkSize) is < 1)
            {
                await writer.WriteLineAsync("error: --partitions and --chunk-size must be at least 1.");
                return ExitCodes.BadInput;
            }
            var port = parse.GetValue(dashboardPort);
            if (port is < 1 or > 65_535)
            {
                await writer.WriteLineAsync($"error: --dashboard-port must be a TCP port from 1 to 65535, not {port}.");
                return ExitCodes.BadInput;
            }
            var settings = HostSettings(parse);
            if (port is { } p)
            {
                settings[SiloHost.AdminUrlSetting] = $"http://localhost:{p.ToString(CultureInfo.InvariantCulture)}";
            }
            var arguments = new RunArguments(
                monthText is null ? null : BillingMonth.Parse(monthText),
                userCount,
                parse.GetValue(seed),
                parse.GetValue(force),
                parse.GetValue(reset),
                parse.GetValue(partitions),
                parse.GetValue(chunkSize),
                parse.GetValue(exit),
                settings);
            return await MainJob.RunAsync(arguments, writer, cancellationToken);
        });
        return root;
    }
}
