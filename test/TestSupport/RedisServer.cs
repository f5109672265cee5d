using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace BillForU.TestSupport;

/// <summary>
/// A private <c>redis-server</c> (Debian's package) on a free loopback port in a temp directory, for tests and
/// benchmarks that run real silos. It can be stopped and started again on the same port and directory, as an
/// operator restarting Redis would; with <see cref="AppendOnly"/> it keeps its data across that restart (AOF,
/// fsync every second), without it a restart loses everything. Disposal kills it and deletes the directory.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly string[] BinaryDirectories = ["/usr/bin", "/usr/sbin", "/usr/local/bin"];

    private readonly string _binary;
    private readonly string _directory;
    private Process? _process;
    private readonly StringBuilder _log = new();

    private RedisServer(string binary, string directory, int port, bool appendOnly)
    {
        _binary = binary;
        _directory = directory;
        Port = port;
        AppendOnly = appendOnly;
        // Backstop for a test host that exits without disposing: never leave a server behind.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => KillProcess();
    }

    public int Port { get; }

    /// <summary>Whether the server persists its data (append-only file) and so survives a restart.</summary>
    public bool AppendOnly { get; }

    /// <summary>StackExchange.Redis configuration string.</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>What the server wrote to its standard output (its log).</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <exception cref="InvalidOperationException">redis-server is not installed or did not start.</exception>
    public static async Task<RedisServer> StartAsync(bool appendOnly = false)
    {
        var binary = FindBinary()
            ?? throw new InvalidOperationException(
                "redis-server is not installed here. Run the tests with the README's test command, which installs it (apt-get install -y redis-server).");
        for (var attempt = 1; ; attempt++)
        {
            var server = new RedisServer(binary, Directory.CreateTempSubdirectory("billforu-redis-").FullName, FreeLoopbackPort(), appendOnly);
            try
            {
                await server.StartAgainAsync();
                return server;
            }
            catch (InvalidOperationException) when (attempt < 3 && !server.IsRunning)
            {
                // The port was taken between the probe and the server's bind: another port.
                await server.DisposeAsync();
            }
        }
    }

    /// <summary>Starts the server (again) on the same port and directory; with <see cref="AppendOnly"/> it reloads its data.</summary>
    public async Task StartAgainAsync()
    {
        if (IsRunning)
        {
            throw new InvalidOperationException("Redis is already running.");
        }
        _process?.Dispose();
        var start = new ProcessStartInfo(_binary)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var argument in new[]
        {
            "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", _directory,
            "--save", string.Empty, "--appendonly", AppendOnly ? "yes" : "no", "--appendfsync", "everysec", "--daemonize", "no",
            "--protected-mode", "no", "--maxclients", "10000",
        })
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {_binary}.");
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        await WaitUntilReadyAsync();
    }

    /// <summary>Stops the server as an operator would (SIGTERM: it flushes its append-only file and exits), and waits for it to exit.</summary>
    /// <summary>Hangs the server (SIGSTOP): connections stay open, commands get no answer, until <see cref="ThawAsync"/>.</summary>
    public Task FreezeAsync() => Signals.FreezeAsync(RunningProcess.Id);

    public Task ThawAsync() => Signals.ThawAsync(RunningProcess.Id);

    private Process RunningProcess => _process is { HasExited: false } process ? process : throw new InvalidOperationException("redis-server is not running.");

    public async Task StopAsync()
    {
        if (_process is not { HasExited: false } process)
        {
            return;
        }
        await Signals.TerminateAsync(process.Id);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        KillProcess();
        if (_process is not null)
        {
            await _process.WaitForExitAsync();
            _process.Dispose();
            _process = null;
        }
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by the dying server: the temp directory is left for the OS to reclaim.
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_log)
        {
            _log.AppendLine(line);
        }
    }

    private void KillProcess()
    {
        try
        {
            if (_process is { HasExited: false })
            {
                _process.Kill();
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private async Task WaitUntilReadyAsync()
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (_process is { HasExited: true } exited)
            {
                throw new InvalidOperationException($"redis-server exited with code {exited.ExitCode} while starting:\n{Log}");
            }
            if (await PingAsync())
            {
                return;
            }
            if (clock.Elapsed > StartTimeout)
            {
                throw new InvalidOperationException($"redis-server did not answer PING on port {Port} within {StartTimeout.TotalSeconds:N0} s:\n{Log}");
            }
            await Task.Delay(20);
        }
    }

    /// <summary>True when the server answers PING with PONG (not while it is still loading its data).</summary>
    public async Task<bool> PingAsync()
    {
        try
        {
            using var client = new TcpClient();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await client.ConnectAsync(IPAddress.Loopback, Port, timeout.Token);
            var stream = client.GetStream();
            await stream.WriteAsync("*1\r\n$4\r\nPING\r\n"u8.ToArray(), timeout.Token);
            var buffer = new byte[64];
            var read = await stream.ReadAsync(buffer, timeout.Token);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
        {
            return false;
        }
    }

    private static string? FindBinary()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(BinaryDirectories)
            .Select(directory => Path.Combine(directory, "redis-server"))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>
    /// A free port below the kernel's ephemeral range: the server is restarted on the same port, and while it is down
    /// the clients' reconnection attempts take ephemeral local ports — one could land on the server's own port.
    /// </summary>
    private static int FreeLoopbackPort()
    {
        var ephemeralStart = 32768;
        try
        {
            ephemeralStart = int.Parse(File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split('\t', ' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            // Not Linux: the usual default.
        }
        for (var attempt = 0; attempt < 100 && ephemeralStart > 12_000; attempt++)
        {
            var port = Random.Shared.Next(10_000, ephemeralStart);
            try
            {
                using var probe = new TcpListener(IPAddress.Loopback, port);
                probe.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken: another one.
            }
        }
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
