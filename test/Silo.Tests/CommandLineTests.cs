using System.Globalization;
using System.Net;
using System.Net.Sockets;
using BillForU.Silo.Cli;

namespace BillForU.Silo.Tests;

/// <summary>The main job refuses bad input with a clear message and a distinct exit code, writing nothing; with <c>--exit</c> it ends after its summary.</summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("billforu-cli-");
    private readonly StringWriter _output = new();

    private string DataDirectory => Path.Combine(_directory.FullName, "data");

    /// <summary>A run that exits after its summary, as scripts run it.</summary>
    private async Task<int> RunAsync(params string[] args)
    {
        var (siloPort, gatewayPort) = (FreePort(), FreePort());
        return await BillForUCommandLine.Create(_output)
            .Parse([.. args, "--exit", "--data-dir", DataDirectory, "--silo-port", siloPort, "--gateway-port", gatewayPort])
            .InvokeAsync();
    }

    private static string FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Month_13_is_refused_before_anything_is_created()
    {
        var exit = await RunAsync("--month", "2026-13");

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains("'2026-13' is not a billing month", _output.ToString());
        Assert.False(Directory.Exists(DataDirectory));
    }

    [Fact]
    public async Task Too_many_users_is_refused()
    {
        var exit = await RunAsync("--users", "1000001");

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains("--users must be between 0 and 1,000,000", _output.ToString());
    }

    [Fact]
    public async Task An_unreachable_database_is_reported_as_such()
    {
        var exit = await RunAsync("--users", "10", "--sql-provider", "MySql", "--sql", "Server=127.0.0.1;Port=1;User ID=root;Database=billforu;Connection Timeout=2");

        Assert.Equal(ExitCodes.StorageUnavailable, exit);
        Assert.Contains("database unavailable", _output.ToString());
        Assert.Contains("127.0.0.1", _output.ToString());
    }

    [Fact]
    public async Task Cluster_mode_without_pii_keys_refuses_to_start_naming_the_setting()
    {
        var exit = await RunAsync("--mode", "cluster", "--sql-provider", "MySql", "--sql", "Server=127.0.0.1;Port=1;Database=billforu", "--redis", "127.0.0.1:1", "--kafka", "127.0.0.1:1");

        Assert.Equal(ExitCodes.BadConfiguration, exit);
        Assert.Contains("BillForU__Pii__Keys", _output.ToString());
        Assert.False(File.Exists(Path.Combine(DataDirectory, "pii-keys.json")));
    }

    [Fact]
    public async Task A_mysql_connection_string_without_a_database_is_a_configuration_error()
    {
        var exit = await RunAsync("--sql-provider", "MySql", "--sql", "Server=127.0.0.1;Port=1");

        Assert.Equal(ExitCodes.BadConfiguration, exit);
        Assert.Contains("names no database", _output.ToString());
    }

    [Fact]
    public async Task Cluster_mode_without_mysql_refuses_to_start_naming_the_setting()
    {
        var exit = await RunAsync("--mode", "cluster");

        Assert.Equal(ExitCodes.BadConfiguration, exit);
        Assert.Contains("BillForU__Sql__ConnectionString", _output.ToString());
    }

    [Fact]
    public async Task Main_job_settles_a_small_month_then_reports_it_settled_on_the_second_run()
    {
        var first = await RunAsync("--users", "300", "--month", "2026-10");
        var firstOutput = _output.ToString();
        _output.GetStringBuilder().Clear();
        var second = await RunAsync("--users", "300", "--month", "2026-10");

        Assert.Equal(ExitCodes.Success, first);
        Assert.Contains("Settling 2026-10", firstOutput);
        Assert.Contains("COMPLETED", firstOutput);
        Assert.Equal(ExitCodes.Success, second);
        Assert.Contains("2026-10 is already settled", _output.ToString());
        Assert.True(File.Exists(Path.Combine(DataDirectory, "pii-keys.json")));
    }

    [Fact]
    public async Task A_dataset_of_another_size_is_not_mixed_in()
    {
        await RunAsync("--users", "100", "--month", "2026-10");
        _output.GetStringBuilder().Clear();

        var exit = await RunAsync("--users", "200", "--month", "2026-10");

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains("--reset", _output.ToString());
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Delete(recursive: true);
    }
}
