using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using BillForU.Domain.Generation;
using BillForU.Domain.Security;
using BillForU.Kafka.MockCluster;
using BillForU.TestSupport;

namespace BillForU.Cluster.Harness;

/// <summary>
/// A BillForU cluster on loopback made of real processes and servers: a private Redis, librdkafka's mock brokers
/// (in this process, on loopback TCP), a fresh MySQL database on the given MariaDB server, an SMTP capture and SMS
/// and push provider fakes (in this process), and <c>serve</c> silo processes with their own ports, all in a
/// cluster id of their own. Disposal kills every process it started and stops every server.
/// </summary>
public sealed class LocalCluster : IAsyncDisposable
{
    private readonly LocalClusterOptions _options;
    private readonly List<SiloProcess> _silos = [];
    private readonly List<ManagedProcess> _others = [];
    private readonly List<ClusterClient> _clients = [];
    private readonly string _piiKeys;
    private readonly string _piiHashKey;
    private readonly MariaDbServer _mariaDb;

    private LocalCluster(
        LocalClusterOptions options, MariaDbServer mariaDb, string database, string sql, RedisServer redis, MockKafkaCluster kafka,
        SmtpCapture smtp, HttpProviderFake sms, HttpProviderFake push, DirectoryInfo directory)
    {
        _options = options;
        _mariaDb = mariaDb;
        Database = database;
        SqlConnectionString = sql;
        Redis = redis;
        Kafka = kafka;
        Smtp = smtp;
        Sms = sms;
        Push = push;
        Directory = directory;
        ClusterId = $"{options.Name}-{Guid.NewGuid():N}"[..(options.Name.Length + 13)];
        var key = RandomNumberGenerator.GetBytes(PiiKeyRing.KeyBytes);
        var hashKey = RandomNumberGenerator.GetBytes(PiiKeyRing.KeyBytes);
        _piiKeys = $"v1:{Convert.ToBase64String(key)}";
        _piiHashKey = Convert.ToBase64String(hashKey);
        Keys = new PiiKeyRing("v1", new Dictionary<string, byte[]> { ["v1"] = key }, hashKey);
        Sql = new SqlProbe(sql);
    }

    public string ClusterId { get; }

    public string Database { get; }

    public string SqlConnectionString { get; }

    public RedisServer Redis { get; }

    public MockKafkaCluster Kafka { get; }

    public SmtpCapture Smtp { get; }

    public HttpProviderFake Sms { get; }

    public HttpProviderFake Push { get; }

    public DirectoryInfo Directory { get; }

    public PiiKeyRing Keys { get; }

    public SqlProbe Sql { get; }

    public IReadOnlyList<SiloProcess> Silos => _silos;

    public static async Task<LocalCluster> StartAsync(MariaDbServer mariaDb, LocalClusterOptions options)
    {
        var database = MariaDbServer.UniqueDatabaseName(options.Name.Replace('-', '_'));
        var sql = await mariaDb.CreateDatabaseAsync(database);
        var redis = await RedisServer.StartAsync(options.RedisAppendOnly);
        var kafka = MockKafkaCluster.Start(brokerCount: 3, initialRebalanceDelay: TimeSpan.FromMilliseconds(100));
        kafka.CreateTopic("billing-event-topic", options.KafkaPartitions);
        kafka.CreateTopic("billing-event-failover", options.KafkaPartitions);
        kafka.CreateTopic("billing-event-dlt", 1);
        var smtp = await SmtpCapture.StartAsync(keepMessages: false);
        var directory = System.IO.Directory.CreateTempSubdirectory($"billforu-{options.Name}-");
        var cluster = new LocalCluster(options, mariaDb, database, sql, redis, kafka, smtp, HttpProviderFake.Start(), HttpProviderFake.Start(), directory);
        await DemoDataset.MigrateAsync(sql, cluster.Keys);
        return cluster;
    }

    /// <summary>Seeds the demo month and clears quiet hours and preferred send days, so every notice goes out at once.</summary>
    public async Task<(long Rows, TimeSpan Elapsed)> SeedAsync(DatasetSpec spec)
    {
        var seeded = await DemoDataset.SeedAsync(SqlConnectionString, Keys, spec);
        await DemoDataset.SendEverythingNowAsync(SqlConnectionString);
        return seeded;
    }

    /// <summary>The environment of every BillForU process of this cluster (silos and the admin API).</summary>
    public Dictionary<string, string?> Environment(string dataDirectory)
    {
        var settings = new Dictionary<string, string?>
        {
            ["BillForU__Mode"] = "Cluster",
            ["BillForU__DataDirectory"] = dataDirectory,
            ["BillForU__Sql__Provider"] = "MySql",
            ["BillForU__Sql__ConnectionString"] = SqlConnectionString,
            ["BillForU__Redis"] = Redis.Configuration,
            ["BillForU__Kafka__BootstrapServers"] = Kafka.BootstrapServers,
            ["BillForU__Kafka__CreateTopics"] = "false",
            ["BillForU__Kafka__ReplicationFactor"] = "1",
            ["BillForU__Kafka__TopicPartitions"] = Text(_options.KafkaPartitions),
            ["BillForU__Kafka__FailoverTopicPartitions"] = Text(_options.KafkaPartitions),
            // The mock holds an empty fetch for the whole wait (500 ms by default).
            ["BillForU__Kafka__ConsumerSettings__fetch.wait.max.ms"] = "10",
            // The mock keeps ~5 MiB a partition and drops the rest: a settlement that runs ahead of the notices must be
            // read into the silos before it is dropped, as far as Orleans' own cache default. A real broker keeps the
            // backlog, and the silos' defaults leave it there.
            ["BillForU__Kafka__CacheSize"] = "4096",
            ["BillForU__Kafka__ReceiverBufferBytes"] = MockReadAheadBytes,
            ["BillForU__Orleans__AdvertisedAddress"] = "127.0.0.1",
            ["BillForU__Orleans__ClusterId"] = ClusterId,
            ["BillForU__Orleans__ServiceId"] = ClusterId,
            ["BillForU__Pii__Keys"] = _piiKeys,
            ["BillForU__Pii__HashKey"] = _piiHashKey,
            ["BillForU__Settlement__Partitions"] = Text(_options.SettlementPartitions),
            ["BillForU__Settlement__ChunkSize"] = Text(_options.ChunkSize),
            ["BillForU__Channels__Mode"] = "Live",
            ["BillForU__Channels__Smtp__Host"] = "127.0.0.1",
            ["BillForU__Channels__Smtp__Port"] = Text(Smtp.Port),
            ["BillForU__Channels__Smtp__Security"] = "None",
            // SmtpServer advertises PIPELINING but stalls on it.
            ["BillForU__Channels__Smtp__DisablePipelining"] = "true",
            ["BillForU__Channels__Sms__Endpoint"] = Sms.Endpoint.ToString(),
            ["BillForU__Channels__Push__Endpoint"] = Push.Endpoint.ToString(),
            ["Logging__Console__FormatterName"] = "simple",
            ["Logging__Console__FormatterOptions__SingleLine"] = "true",
            ["Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss.fff ",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        };
        foreach (var (key, value) in _options.Settings)
        {
            settings[key] = value;
        }
        return settings;
    }

    /// <summary>Starts a silo process and waits until it serves.</summary>
    public Task<SiloProcess> StartSiloAsync() => StartServingSiloAsync(StartSilo());

    /// <summary>Starts silos together (they start faster side by side) and waits until each serves.</summary>
    public async Task<IReadOnlyList<SiloProcess>> StartSilosAsync(int count)
    {
        var started = Enumerable.Range(0, count).Select(_ => StartSilo()).ToList();
        return await Task.WhenAll(started.Select(StartServingSiloAsync));
    }

    private async Task<SiloProcess> StartServingSiloAsync(SiloProcess silo)
    {
        try
        {
            await silo.WaitUntilServingAsync();
            return silo;
        }
        catch (TimeoutException) when (silo.Process.HasExited && silo.Process.Lines.Any(l => l.Contains("already in use", StringComparison.OrdinalIgnoreCase)))
        {
            // Its port was taken between the probe and the silo's bind: once more on other ports.
            var again = StartSilo();
            await again.WaitUntilServingAsync();
            return again;
        }
    }

    /// <summary>Starts the admin API in cluster mode on a free loopback port, with an operator key, and waits until it answers.</summary>
    public async Task<AdminApiProcess> StartAdminApiAsync()
    {
        var port = FreePorts.Next();
        var operatorKey = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        var readerKey = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        var environment = Environment(Path.Combine(Directory.FullName, "admin-api"));
        environment["BillForU__Admin__Keys__0__Secret"] = operatorKey;
        environment["BillForU__Admin__Keys__0__Role"] = "operator";
        environment["BillForU__Admin__Keys__1__Secret"] = readerKey;
        environment["BillForU__Admin__Keys__1__Role"] = "reader";
        environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var process = ManagedProcess.Start(
            "admin-api", ProductBinaries.DotnetHost, [ProductBinaries.AdminApiDll, "--urls", $"http://127.0.0.1:{Text(port)}"],
            environment, Path.GetDirectoryName(ProductBinaries.AdminApiDll));
        _others.Add(process);
        var api = new AdminApiProcess(process, new Uri($"http://127.0.0.1:{Text(port)}/"), operatorKey, readerKey);
        await api.WaitUntilAnsweringAsync(TimeSpan.FromSeconds(90));
        return api;
    }

    /// <summary>An Orleans client of this cluster (disposed with it).</summary>
    public async Task<ClusterClient> ConnectClientAsync()
    {
        var client = await ClusterClient.ConnectAsync(Redis.Configuration, ClusterId, ClusterId, TimeSpan.FromSeconds(60));
        _clients.Add(client);
        return client;
    }

    /// <summary>Every process's output tail and the Redis log, for a failed drill's report.</summary>
    public string Describe(int lines = 80)
    {
        var text = new StringBuilder();
        foreach (var silo in _silos)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"---- {silo.Name} ({silo.Address}, pid {silo.Process.Id}, {(silo.IsAlive ? "alive" : $"exited {silo.Process.ExitCode}")}) ----");
            text.AppendLine(Shorten(silo.Process.Tail(lines)));
        }
        foreach (var process in _others)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"---- {process.Name} (pid {process.Id}, {(process.HasExited ? $"exited {process.ExitCode}" : "alive")}) ----");
            text.AppendLine(Shorten(process.Tail(lines)));
        }
        var redisLog = Redis.Log.Split('\n');
        text.AppendLine("---- redis ----");
        text.AppendLine(string.Join('\n', redisLog.Skip(Math.Max(0, redisLog.Length - 20))));
        return text.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            await client.DisposeAsync();
        }
        await Task.WhenAll(_silos.Select(s => s.DisposeAsync().AsTask()).Concat(_others.Select(p => p.DisposeAsync().AsTask())));
        await Smtp.DisposeAsync();
        await Sms.DisposeAsync();
        await Push.DisposeAsync();
        Kafka.Dispose();
        await Redis.DisposeAsync();
        MySqlConnector.MySqlConnection.ClearAllPools();
        await _mariaDb.DropDatabaseAsync(Database);
        try
        {
            Directory.Delete(recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to reclaim.
        }
    }

    private SiloProcess StartSilo()
    {
        var name = $"silo{_silos.Count + 1}";
        var data = System.IO.Directory.CreateDirectory(Path.Combine(Directory.FullName, name)).FullName;
        var silo = SiloProcess.Start(name, Environment(data), data);
        _silos.Add(silo);
        return silo;
    }

    // Orleans' own warnings carry whole stack traces on one line: the start of each line says enough.
    private static string Shorten(string tail) =>
        string.Join('\n', tail.Split('\n').Select(line => line.Length > 400 ? line[..400] + " …" : line));

    // 4 GiB: high enough that the reader's 4,096-message count is what stops it.
    private const string MockReadAheadBytes = "4294967296";

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
