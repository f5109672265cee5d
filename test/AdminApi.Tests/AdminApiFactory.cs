using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Serialization;
using BillForU.Domain.Billing;
using BillForU.Domain.Generation;
using BillForU.Domain.Security;
using BillForU.Grains.Settlement;
using BillForU.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BillForU.AdminApi.Tests;

/// <summary>
/// The API in embedded mode over a temp data folder: a small demo dataset, preferences set through the API so
/// some notices dead-letter (every channel disabled), some are scheduled and one is sent, then the month settled.
/// </summary>
public sealed class AdminApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const int Users = 40;
    public const string OperatorKey = "operator-key-for-tests-0123456789";
    public const string ReaderKey = "reader-key-for-tests-0123456789ab";
    public const string OperatorToken = "operator-token-for-tests-0123456";

    /// <summary>Users whose every channel is disabled: their notices dead-letter.</summary>
    public static readonly long[] DeadLetterUsers = [1, 3, 5];

    /// <summary>Users whose notice is scheduled for a day of the next month.</summary>
    public static readonly long[] ScheduledUsers = [2, 4];

    public const long SentUser = 10;

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("billforu-admin-");

    /// <summary>The current month: the scheduled sends (day 27/28 of the next month) are always ahead.</summary>
    public BillingMonth Month { get; } = BillingMonth.Of(DateOnly.FromDateTime(DateTime.UtcNow));

    public Dictionary<long, long> BillOfUser { get; } = [];

    public string SiloPort { get; } = FreePort();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("BillForU:Mode", "Embedded");
        builder.UseSetting("BillForU:DataDirectory", Path.Combine(_directory.FullName, "data"));
        builder.UseSetting("BillForU:Orleans:SiloPort", SiloPort);
        builder.UseSetting("BillForU:Orleans:GatewayPort", FreePort());
        builder.UseSetting("BillForU:Admin:Keys:0:Name", "test-operator");
        builder.UseSetting("BillForU:Admin:Keys:0:Secret", OperatorKey);
        builder.UseSetting("BillForU:Admin:Keys:0:Role", "operator");
        builder.UseSetting("BillForU:Admin:Keys:1:Name", "test-reader");
        builder.UseSetting("BillForU:Admin:Keys:1:Secret", ReaderKey);
        builder.UseSetting("BillForU:Admin:Keys:1:Role", "reader");
        builder.UseSetting("BillForU:Admin:Tokens:0:Name", "test-token");
        builder.UseSetting("BillForU:Admin:Tokens:0:Secret", OperatorToken);
        builder.UseSetting("BillForU:Admin:Tokens:0:Role", "operator");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
    }

    public HttpClient Client(string? key = null)
    {
        var client = CreateDefaultClient(new PlaintextGuard(Users));
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
        }
        return client;
    }

    public HttpClient Operator() => Client(OperatorKey);

    public HttpClient Reader() => Client(ReaderKey);

    public async Task InitializeAsync()
    {
        await SeedAsync();
        using var client = Operator();
        foreach (var channel in new[] { "email", "sms", "push" })
        {
            // Quiet hours off, so whether a notice is sent does not depend on the hour the tests run at.
            (await client.PutAsJsonAsync($"/api/policies/{channel}", new { quietEnabled = false, quietStart = "22:00:00", quietEnd = "08:00:00" })).EnsureSuccessStatusCode();
            foreach (var (userId, priority) in DeadLetterUsers.Select(u => (u, channel == "email" ? 1 : channel == "sms" ? 2 : 3)))
            {
                (await client.PutAsJsonAsync($"/api/users/{userId}/preferences/{channel}", new { enabled = false, priority })).EnsureSuccessStatusCode();
            }
        }
        var day = 27;
        foreach (var userId in ScheduledUsers)
        {
            (await client.PutAsJsonAsync($"/api/users/{userId}/preferences/email", new { enabled = true, priority = 1, sendDay = day++, sendTime = "09:00:00" })).EnsureSuccessStatusCode();
        }
        (await client.PutAsJsonAsync($"/api/users/{SentUser}/preferences/email", new { enabled = true, priority = 1 })).EnsureSuccessStatusCode();

        (await client.PostAsync($"/api/settlement/{Month}", null)).EnsureSuccessStatusCode();
        await WaitForAsync(async () => (await client.GetFromJsonAsync<JsonElement>($"/api/settlement/{Month}", Json)).GetProperty("status").GetString() == "Completed");
        var bills = await client.GetFromJsonAsync<JsonElement>($"/api/bills?month={Month}&limit=500", Json);
        foreach (var bill in bills.GetProperty("items").EnumerateArray())
        {
            BillOfUser[bill.GetProperty("userId").GetInt64()] = bill.GetProperty("billId").GetInt64();
        }
        // The delivery log is written in batches: wait until it shows the outcomes the tests rely on.
        await WaitForAsync(async () =>
            await StatusOfAsync(client, BillOfUser[SentUser]) == "Sent"
            && await Task.WhenAll(DeadLetterUsers.Select(u => StatusOfAsync(client, BillOfUser[u]))) is var dead && dead.All(s => s == "DeadLettered")
            && await Task.WhenAll(ScheduledUsers.Select(u => StatusOfAsync(client, BillOfUser[u]))) is var scheduled && scheduled.All(s => s == "Scheduled"));
    }

    public static async Task<string?> StatusOfAsync(HttpClient client, long billId)
    {
        var detail = await client.GetFromJsonAsync<JsonElement>($"/api/bills/{billId}", Json);
        var deliveries = detail.GetProperty("deliveries").EnumerateArray().ToArray();
        return deliveries.Length == 0 ? null : deliveries[^1].GetProperty("status").GetString();
    }

    public static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The condition did not hold within 60 s.");
            }
            await Task.Delay(200);
        }
    }

    private Task SeedAsync() =>
        // Services starts the host: schema migrated, silo up.
        SeedAsync(Services, Month);

    /// <summary>Loads the demo dataset of <see cref="Users"/> users for the month into a started host.</summary>
    internal static async Task SeedAsync(IServiceProvider services, BillingMonth month)
    {
        var zone = services.GetRequiredService<IOptions<SettlementOptions>>().Value.Zone;
        var generator = new DemoDataGenerator(DatasetSpec.Validated(7, Users, month),
            services.GetRequiredService<ContactCipher>(), services.GetRequiredService<LookupHasher>(), zone);
        await services.GetRequiredService<IDatasetSeeder>().SeedAsync(generator, null, CancellationToken.None);
    }

    internal static string FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);
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
