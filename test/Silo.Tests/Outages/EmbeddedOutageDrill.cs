using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using BillForU.Silo.Cli;

namespace BillForU.Silo.Tests.Outages;

/// <summary>
/// The README's run command (embedded mode, serving afterwards) in this process, with sends paced so dispatch lasts
/// long enough to break the store in the middle of it. It polls <c>/health</c> throughout and, once the run serves,
/// checks its outcomes: every bill of the month has a delivery row, and no notice id is in the outboxes twice.
/// </summary>
public sealed class EmbeddedOutageDrill : IAsyncDisposable
{
    public const string Month = "2026-10";

    // Paced per channel so ~3,000 notices (about half of them email) take some 15 s: the outage lands mid-dispatch.
    private const string PermitsPerSecond = "100";
    private static readonly string[] PacedChannels = ["Email", "Sms", "Push"];

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("billforu-outage-");
    private readonly StringWriter _text = new();
    private readonly TextWriter _output;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<(TimeSpan At, string Status)> _health = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly int _dashboardPort = FreePort();
    private Task<int>? _run;
    private Task? _healthPolling;
    private string[] _storeArguments = [];

    public EmbeddedOutageDrill() => _output = TextWriter.Synchronized(_text);

    public string DataDirectory => Path.Combine(_directory.FullName, "data");

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _text.ToString();
            }
        }
    }

    /// <summary>Every /health status seen so far, in order, with the seconds since the run started.</summary>
    public IReadOnlyList<(TimeSpan At, string Status)> Health
    {
        get
        {
            lock (_health)
            {
                return [.. _health];
            }
        }
    }

    /// <summary>Time since the drill was created, on the clock of <see cref="Health"/>.</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    public Task<int> Run => _run ?? throw new InvalidOperationException("Not started.");

    public void Start(int users, params string[] storeArguments)
    {
        _storeArguments = storeArguments;
        foreach (var channel in PacedChannels)
        {
            Environment.SetEnvironmentVariable($"BillForU__Channels__{channel}__PermitsPerSecond", PermitsPerSecond);
        }
        _run = BillForUCommandLine.Create(_output)
            .Parse([
                "--users", users.ToString(CultureInfo.InvariantCulture), "--month", Month, "--data-dir", DataDirectory,
                "--dashboard-port", _dashboardPort.ToString(CultureInfo.InvariantCulture),
                "--silo-port", FreePort().ToString(CultureInfo.InvariantCulture), "--gateway-port", FreePort().ToString(CultureInfo.InvariantCulture),
                .. storeArguments])
            .InvokeAsync(cancellationToken: _stop.Token);
        _healthPolling = PollHealthAsync(_stop.Token);
    }

    /// <summary>Waits until the output shows dispatch under way (the settlement is summarised) and some notices are sent.</summary>
    public async Task WaitForDispatchAsync(Func<Task<long>> sentRows, TimeSpan timeout)
    {
        var deadline = _clock.Elapsed + timeout;
        while (!Output.Contains("Notifying", StringComparison.Ordinal) || await sentRows() < 100)
        {
            Assert.False(Run.IsCompleted, $"The run ended before dispatch:\n{Output}");
            Assert.True(_clock.Elapsed < deadline, $"Dispatch did not start within {timeout.TotalSeconds:N0} s:\n{Output}");
            await Task.Delay(100);
        }
    }

    public async Task WaitForServingAsync(TimeSpan timeout)
    {
        var deadline = _clock.Elapsed + timeout;
        while (!Output.Contains("Serving until Ctrl+C", StringComparison.Ordinal))
        {
            Assert.False(Run.IsCompleted, $"The run ended instead of serving (exit {(Run.IsCompletedSuccessfully ? Run.Result : -1)}):\n{Output}");
            Assert.True(_clock.Elapsed < deadline, $"The run did not reach serving within {timeout.TotalSeconds:N0} s:\n{Output}");
            await Task.Delay(200);
        }
    }

    /// <summary>Bills of the month without any delivery row.</summary>
    public static async Task<long> CountBillsWithoutDeliveryAsync(DbConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT COUNT(*) FROM bills b WHERE b.billing_month = @month " +
            "AND NOT EXISTS (SELECT 1 FROM notification_deliveries d WHERE d.bill_id = b.id)";
        var month = command.CreateParameter();
        month.ParameterName = "@month";
        month.Value = Month;
        command.Parameters.Add(month);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    public static async Task<long> CountAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    /// <summary>Notice ids found more than once across the outboxes (.eml files by name, every .jsonl line).</summary>
    public IReadOnlyList<string> DuplicateNoticeIds(out int noticesInOutboxes)
    {
        var outbox = Path.Combine(DataDirectory, "outbox");
        var ids = new List<string>();
        if (Directory.Exists(Path.Combine(outbox, "email")))
        {
            ids.AddRange(Directory.EnumerateFiles(Path.Combine(outbox, "email"), "*.eml").Select(f => Path.GetFileNameWithoutExtension(f)));
        }
        foreach (var file in Directory.EnumerateFiles(outbox, "*.jsonl"))
        {
            ids.AddRange(File.ReadLines(file)
                .Where(line => line.Length > 0)
                .Select(line => JsonDocument.Parse(line).RootElement.GetProperty("notificationId").GetString()!));
        }
        noticesInOutboxes = ids.Count;
        return ids.GroupBy(id => id).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
    }

    /// <summary>
    /// Runs <c>reconcile</c> for the month on the run's store and asserts what an operator would check: exit 0, nothing
    /// missing, no notice sent twice.
    /// </summary>
    public async Task AssertReconciledAsync()
    {
        using var writer = new StringWriter();
        var exit = await BillForUCommandLine.Create(writer)
            .Parse(["reconcile", "--month", Month, "--data-dir", DataDirectory, .. _storeArguments])
            .InvokeAsync();
        var report = writer.ToString();
        Assert.True(exit == ExitCodes.Success, $"reconcile exited {exit}:\n{report}");
        Assert.Contains("Every bill has its notice", report, StringComparison.Ordinal);
        Assert.Contains("notices sent more than once: 0", report, StringComparison.Ordinal);
    }

    /// <summary>Stops the run as Ctrl+C does and returns its exit code.</summary>
    public async Task<int> StopAsync()
    {
        await _stop.CancelAsync();
        return await Run.WaitAsync(TimeSpan.FromSeconds(60));
    }

    private async Task PollHealthAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_dashboardPort}/"), Timeout = TimeSpan.FromSeconds(5) };
        while (!cancellationToken.IsCancellationRequested)
        {
            string status;
            try
            {
                using var response = await http.GetAsync("/health", cancellationToken);
                var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
                status = body.GetProperty("status").GetString() ?? "?";
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
            {
                // Not listening yet (or stopping): not a health status.
                status = "unreachable";
            }
            lock (_health)
            {
                if (_health.Count == 0 || _health[^1].Status != status)
                {
                    _health.Add((_clock.Elapsed, status));
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (_run is { IsCompleted: false })
        {
            await _stop.CancelAsync();
            await _run.WaitAsync(TimeSpan.FromSeconds(60)).ContinueWith(static _ => { }, TaskScheduler.Default);
        }
        if (_healthPolling is not null)
        {
            await _healthPolling;
        }
        foreach (var channel in PacedChannels)
        {
            Environment.SetEnvironmentVariable($"BillForU__Channels__{channel}__PermitsPerSecond", null);
        }
        _stop.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        MySqlConnector.MySqlConnection.ClearAllPools();
        _output.Dispose();
        _directory.Delete(recursive: true);
    }
}
