using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using BillForU.Domain.Billing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace BillForU.AdminApi.Tests;

/// <summary>
/// The API in embedded mode on a real loopback port (Kestrel), for a browser or a scraper: the demo dataset loaded, quiet hours
/// off and every channel of <see cref="AdminApiFactory.DeadLetterUsers"/> disabled, but the month not settled:
/// the dashboard starts the settlement.
/// </summary>
public sealed class DashboardHost : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("billforu-dashboard-");
    private readonly int _port = int.Parse(AdminApiFactory.FreePort(), CultureInfo.InvariantCulture);

    public DashboardHost() => UseKestrel(o => o.Listen(IPAddress.Loopback, _port));

    public BillingMonth Month { get; } = BillingMonth.Of(DateOnly.FromDateTime(DateTime.UtcNow));

    public Uri BaseAddress => new($"http://127.0.0.1:{_port}/");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("BillForU:Mode", "Embedded");
        builder.UseSetting("BillForU:DataDirectory", Path.Combine(_directory.FullName, "data"));
        builder.UseSetting("BillForU:Orleans:SiloPort", AdminApiFactory.FreePort());
        builder.UseSetting("BillForU:Orleans:GatewayPort", AdminApiFactory.FreePort());
        builder.UseSetting("BillForU:Admin:Keys:0:Name", "test-operator");
        builder.UseSetting("BillForU:Admin:Keys:0:Secret", AdminApiFactory.OperatorKey);
        builder.UseSetting("BillForU:Admin:Keys:0:Role", "operator");
        builder.UseSetting("BillForU:Admin:Keys:1:Name", "test-reader");
        builder.UseSetting("BillForU:Admin:Keys:1:Secret", AdminApiFactory.ReaderKey);
        builder.UseSetting("BillForU:Admin:Keys:1:Role", "reader");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
    }

    /// <summary>A client of the real port, with the operator key.</summary>
    public HttpClient Operator()
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Add("X-Api-Key", AdminApiFactory.OperatorKey);
        return client;
    }

    public async Task InitializeAsync()
    {
        StartServer();
        await AdminApiFactory.SeedAsync(Services, Month);
        using var client = Operator();
        foreach (var channel in new[] { "email", "sms", "push" })
        {
            (await client.PutAsJsonAsync($"/api/policies/{channel}", new { quietEnabled = false, quietStart = "22:00:00", quietEnd = "08:00:00" })).EnsureSuccessStatusCode();
            var priority = channel == "email" ? 1 : channel == "sms" ? 2 : 3;
            foreach (var userId in AdminApiFactory.DeadLetterUsers)
            {
                (await client.PutAsJsonAsync($"/api/users/{userId}/preferences/{channel}", new { enabled = false, priority })).EnsureSuccessStatusCode();
            }
        }
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            _directory.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a test that failed mid-way: leave the temp directory to the OS.
        }
    }
}
