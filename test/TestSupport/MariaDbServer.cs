using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using MySqlConnector;
using Xunit;

namespace BillForU.TestSupport;

/// <summary>
/// A MariaDB server for tests. With <c>BILLFORU_TEST_MYSQL</c> set (a connection string to a server) that
/// server is used; otherwise a private <c>mariadbd</c> is started from the Debian package on a free loopback
/// port in a temp directory and stopped, by its pid, on dispose. Missing binaries fail the tests — a real-tier
/// test is never skipped. Use it as a collection fixture so one server serves a whole test assembly:
/// <c>[CollectionDefinition(MariaDbServer.Collection)] public sealed class MariaDbCollection : ICollectionFixture&lt;MariaDbServer&gt;;</c>
/// </summary>
public sealed partial class MariaDbServer : IAsyncLifetime
{
    public const string Collection = "MariaDB";
    public const string EnvironmentVariable = "BILLFORU_TEST_MYSQL";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly string[] BinaryDirectories = ["/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin"];

    private Process? _process;
    private string? _directory;
    private string _serverConnectionString = string.Empty;
    private string? _launchArguments;
    private string? _mariadbd;
    private string? _log;

    /// <summary>A connection string to the server without a database.</summary>
    public string ServerConnectionString => _serverConnectionString;

    public async Task InitializeAsync()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            _serverConnectionString = WithBulkLoads(configured, database: null);
            await WaitUntilReadyAsync(null, CancellationToken.None);
            return;
        }
        await StartPrivateServerAsync();
    }

    public async Task DisposeAsync()
    {
        MySqlConnection.ClearAllPools();
        if (_process is not null)
        {
            StopProcess();
            await _process.WaitForExitAsync();
            _process.Dispose();
            _process = null;
        }
        if (_directory is not null)
        {
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open by a dying server: the temp directory is left for the OS to reclaim.
            }
            _directory = null;
        }
    }

    /// <summary>
    /// A private server this caller owns (whatever <c>BILLFORU_TEST_MYSQL</c> says) on its own port and data directory,
    /// so an outage drill can kill and restart it without disturbing the tests sharing the common server. Dispose it.
    /// </summary>
    public static async Task<MariaDbServer> StartOwnedAsync()
    {
        var server = new MariaDbServer();
        await server.StartPrivateServerAsync();
        return server;
    }

    /// <summary>Kills the owned server (SIGKILL), as a crash would; its data directory and port stay for <see cref="RestartAsync"/>.</summary>
    public async Task KillAsync()
    {
        var process = _process ?? throw new InvalidOperationException("Only a server this fixture started can be killed.");
        process.Kill();
        await process.WaitForExitAsync();
        process.Dispose();
        _process = null;
    }

    /// <summary>Starts the killed server again with the same arguments (data directory, port) and waits until it answers.</summary>
    public async Task RestartAsync()
    {
        if (_launchArguments is null || _process is not null)
        {
            throw new InvalidOperationException("Only an owned server that was killed can be restarted.");
        }
        Launch();
        await WaitUntilReadyAsync(_log, CancellationToken.None);
    }

    /// <summary>Creates an empty database and returns a connection string to it that allows bulk loads.</summary>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken cancellationToken = default)
    {
        ValidateName(name);
        await ExecuteAsync($"CREATE DATABASE `{name}` CHARACTER SET utf8mb4", cancellationToken);
        return WithBulkLoads(_serverConnectionString, name);
    }

    public Task DropDatabaseAsync(string name, CancellationToken cancellationToken = default)
    {
        ValidateName(name);
        return ExecuteAsync($"DROP DATABASE IF EXISTS `{name}`", cancellationToken);
    }

    /// <summary>A database name unique to one test: the prefix and a random suffix, within MySQL's 64 characters.</summary>
    public static string UniqueDatabaseName(string prefix) =>
        $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(64, prefix.Length + 33)].ToLowerInvariant();

    private async Task StartPrivateServerAsync()
    {
        var installDb = FindBinary("mariadb-install-db");
        var mariadbd = FindBinary("mariadbd");
        if (installDb is null || mariadbd is null)
        {
            throw new InvalidOperationException(
                "MariaDB is not installed here (mariadb-install-db/mariadbd not found). Run the tests with the README's test command, " +
                $"which installs it (apt-get install -y mariadb-server), or set {EnvironmentVariable} to the connection string of a running server.");
        }
        _directory = Directory.CreateTempSubdirectory("billforu-mariadb-").FullName;
        var data = Path.Combine(_directory, "data");
        var asRoot = Environment.UserName == "root";
        var userArgument = asRoot ? " --user=root" : string.Empty;
        await RunToCompletionAsync(installDb,
            $"--no-defaults --datadir={data}{userArgument} --auth-root-authentication-method=normal --skip-test-db");

        var port = FreeLoopbackPort();
        _log = Path.Combine(_directory, "error.log");
        _mariadbd = mariadbd;
        _launchArguments =
            $"--no-defaults --datadir={data} --socket={Path.Combine(_directory, "mysqld.sock")} --pid-file={Path.Combine(_directory, "mysqld.pid")} " +
            $"--port={port} --bind-address=127.0.0.1{userArgument} --local-infile=1 --innodb-buffer-pool-size=2G --innodb-log-file-size=512M " +
            $"--innodb-flush-log-at-trx-commit=2 --skip-name-resolve --log-error={_log}";
        Launch();
        // Backstop for a test host that exits without disposing its fixtures: never leave a server behind.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => StopProcess();

        _serverConnectionString = new MySqlConnectionStringBuilder
        {
            Server = "127.0.0.1",
            Port = (uint)port,
            UserID = "root",
            AllowLoadLocalInfile = true,
        }.ConnectionString;
        await WaitUntilReadyAsync(_log, CancellationToken.None);
    }

    private void Launch()
    {
        _process = Process.Start(new ProcessStartInfo(_mariadbd!, _launchArguments!)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException($"Could not start {_mariadbd}.");
        _process.OutputDataReceived += static (_, _) => { };
        _process.ErrorDataReceived += static (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    private async Task WaitUntilReadyAsync(string? log, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (_process is { HasExited: true })
            {
                throw new InvalidOperationException($"mariadbd exited with code {_process.ExitCode} while starting. Its log:\n{Tail(log)}");
            }
            try
            {
                await using var connection = new MySqlConnection(_serverConnectionString);
                await connection.OpenAsync(cancellationToken);
                return;
            }
            catch (MySqlException) when (clock.Elapsed < StartTimeout)
            {
                await Task.Delay(100, cancellationToken);
            }
            catch (MySqlException e)
            {
                throw new InvalidOperationException($"MariaDB did not accept connections within {StartTimeout.TotalSeconds:N0} s: {e.Message}\n{Tail(log)}", e);
            }
        }
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = new MySqlConnection(_serverConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private void StopProcess()
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

    private static string WithBulkLoads(string connectionString, string? database)
    {
        var builder = new MySqlConnectionStringBuilder(connectionString) { AllowLoadLocalInfile = true };
        if (database is not null)
        {
            builder.Database = database;
        }
        return builder.ConnectionString;
    }

    private static async Task RunToCompletionAsync(string file, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException($"Could not start {file}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {arguments} failed with exit code {process.ExitCode}:\n{await output}\n{await error}");
        }
    }

    private static string? FindBinary(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(BinaryDirectories)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Tail(string? log)
    {
        if (log is null || !File.Exists(log))
        {
            return "(no log)";
        }
        var lines = File.ReadAllLines(log);
        return string.Join('\n', lines.Skip(Math.Max(0, lines.Length - 30)));
    }

    private static void ValidateName(string name)
    {
        if (!DatabaseName().IsMatch(name))
        {
            throw new ArgumentException($"'{name}' is not a plain database name (letters, digits, underscores; at most 64).", nameof(name));
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_]{1,64}$")]
    private static partial Regex DatabaseName();
}
