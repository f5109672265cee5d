using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using BillForU.Silo.Cli;

namespace BillForU.Silo.Tests;

/// <summary>
/// The README's run command without <c>--exit</c>: after its summary it serves the admin API and dashboards on its silo
/// (in the Production environment, as <c>dotnet run -c Release</c> does) until cancelled, and a busy port is refused up front.
/// </summary>
public sealed partial class ServedRunTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("billforu-served-");
    private readonly StringWriter _text = new();
    private readonly TextWriter _output;

    public ServedRunTests() => _output = TextWriter.Synchronized(_text);

    private string Output
    {
        get
        {
            // The run writes from its own threads; the synchronized writer locks on itself.
            lock (_output)
            {
                return _text.ToString();
            }
        }
    }

    private Task<int> StartRun(string dashboardPort, CancellationToken cancellationToken) =>
        BillForUCommandLine.Create(_output)
            .Parse(["--users", "60", "--month", "2026-10", "--dashboard-port", dashboardPort, "--data-dir", Path.Combine(_directory.FullName, "data"),
                "--silo-port", FreePort().ToString(CultureInfo.InvariantCulture), "--gateway-port", FreePort().ToString(CultureInfo.InvariantCulture)])
            .InvokeAsync(cancellationToken: cancellationToken);

    [Fact]
    public async Task After_the_summary_it_serves_health_the_dashboard_and_the_api_until_cancelled()
    {
        var port = FreePort();
        using var cancellation = new CancellationTokenSource();
        var run = StartRun(port.ToString(CultureInfo.InvariantCulture), cancellation.Token);

        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (!Output.Contains("Serving until Ctrl+C", StringComparison.Ordinal))
        {
            Assert.False(run.IsCompleted, $"The run ended without serving:\n{Output}");
            Assert.True(DateTime.UtcNow < deadline, $"The run did not reach its summary:\n{Output}");
            await Task.Delay(200);
        }
        var readerKey = ReaderKey().Match(Output).Groups[1].Value;
        using var http = new HttpClient { BaseAddress = new Uri($"http://localhost:{port}/") };
        using var reader = new HttpClient { BaseAddress = http.BaseAddress };
        reader.DefaultRequestHeaders.Add("X-Api-Key", readerKey);

        var health = await http.GetFromJsonAsync<JsonElement>("/health");
        var page = await http.GetAsync("/");
        var bundle = await http.GetAsync("/app.js");
        var stats = await reader.GetFromJsonAsync<JsonElement>("/api/data/stats");
        var orleans = await reader.GetAsync("/orleans/");
        var refused = await http.GetAsync("/api/data/stats");

        Assert.Contains("COMPLETED", Output, StringComparison.Ordinal);
        Assert.Contains($"Dashboard: http://localhost:{port}/", Output, StringComparison.Ordinal);
        Assert.Equal("UP", health.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<script src=\"app.js\"></script>", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, bundle.StatusCode);
        Assert.Equal(60, stats.GetProperty("dataset").GetProperty("users").GetInt32());
        Assert.Equal(HttpStatusCode.OK, orleans.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        await cancellation.CancelAsync();
        var exit = await run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(ExitCodes.Success, exit);
        // Stopped for real: the port can be taken again.
        using var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
    }

    [Fact]
    public async Task A_taken_port_is_refused_in_one_line_before_anything_is_seeded_or_settled()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var exit = await StartRun(port.ToString(CultureInfo.InvariantCulture), CancellationToken.None);

        Assert.Equal(ExitCodes.BadConfiguration, exit);
        Assert.Contains($"cannot listen: 127.0.0.1:{port} is not free", Output, StringComparison.Ordinal);
        Assert.Contains("--dashboard-port", Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Seeding", Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Settling", Output, StringComparison.Ordinal);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"reader key: (\S+) from")]
    private static partial Regex ReaderKey();

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _output.Dispose();
        _directory.Delete(recursive: true);
    }
}
