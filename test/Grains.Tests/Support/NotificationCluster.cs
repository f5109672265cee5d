using BillForU.Channels.Configuration;
using BillForU.Channels.Extensions;
using BillForU.Domain.Billing;
using BillForU.Domain.Charges;
using BillForU.Domain.Customers;
using BillForU.Domain.Generation;
using BillForU.Domain.Security;
using BillForU.Grains.Interfaces.Billing;
using BillForU.Grains.Interfaces.Notifications;
using BillForU.Grains.Notifications;
using BillForU.Hosting.Configuration;
using BillForU.Hosting.Extensions;
using BillForU.Storage;
using BillForU.Storage.Extensions;
using BillForU.Storage.Notifications;
using BillForU.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace BillForU.Grains.Tests.Support;

/// <summary>
/// A one-silo cluster whose notification grains send real SMTP to a capture server and real HTTP to a
/// provider fake, over a SQLite store, on a fake clock the test moves.
/// </summary>
public sealed class NotificationCluster : IAsyncDisposable
{
    public static readonly BillingMonth Month = new(2026, 10);
    private static readonly TimeZoneInfo Seoul = TimeZoneInfo.FindSystemTimeZoneById("Asia/Seoul");

    private readonly InProcessTestCluster _cluster;

    private NotificationCluster(InProcessTestCluster cluster, FakeTimeProvider time, SmtpCapture smtp, HttpProviderFake sms, HttpProviderFake push, string databasePath)
    {
        (_cluster, Time, Smtp, Sms, Push, DatabasePath) = (cluster, time, smtp, sms, push, databasePath);
        Services = cluster.GetSiloServiceProvider();
    }

    public FakeTimeProvider Time { get; }

    public SmtpCapture Smtp { get; }

    public HttpProviderFake Sms { get; }

    public HttpProviderFake Push { get; }

    public string DatabasePath { get; }

    public IServiceProvider Services { get; }

    public static DateTimeOffset Kst(int day, int hour, int minute = 0) => new(2026, 11, day, hour, minute, 0, TimeSpan.FromHours(9));

    /// <summary>Starts a cluster; pass the parts of a previous one to model a restart of the same process's dependencies.</summary>
    public static async Task<NotificationCluster> StartAsync(
        DateTimeOffset now, string? databasePath = null, FakeTimeProvider? time = null, SmtpCapture? smtp = null, HttpProviderFake? sms = null, HttpProviderFake? push = null,
        Action<ChannelOptions>? channelTuning = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        time ??= new FakeTimeProvider(now);
        smtp ??= await SmtpCapture.StartAsync();
        sms ??= HttpProviderFake.Start();
        push ??= HttpProviderFake.Start();
        databasePath ??= Path.Combine(Directory.CreateTempSubdirectory("billforu-notify-").FullName, "billforu.db");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["BillForU:Notifications:TimeZone"] = "Asia/Seoul",
        }.Concat(settings ?? new Dictionary<string, string?>())).Build();
        var (smtpPort, smsEndpoint, pushEndpoint) = (smtp.Port, sms.Endpoint.ToString(), push.Endpoint.ToString());
        var fakeTime = time;
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureHost(host => host.Services.AddSingleton<TimeProvider>(fakeTime));
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddBillForUProviders(new BillForUOptions());
            silo.Services.AddPiiProtection(TestKeys.Ring);
            silo.Services.AddSqlStore(new SqlStoreOptions { Provider = SqlProvider.Sqlite, ConnectionString = $"Data Source={databasePath}" });
            silo.Services.AddNotificationPipeline(configuration);
            silo.Services.AddHostedService<DueNoticeScanner>();
            silo.Services.AddNotificationChannels(channels =>
            {
                channels.Mode = ChannelMode.Live;
                channels.Smtp = new SmtpOptions { Host = "127.0.0.1", Port = smtpPort, Security = SmtpSecurity.None, DisablePipelining = true, PoolSize = 2 };
                channels.Sms = new HttpProviderOptions { Endpoint = smsEndpoint };
                channels.Push = new HttpProviderOptions { Endpoint = pushEndpoint };
                channelTuning?.Invoke(channels);
            });
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        var result = new NotificationCluster(cluster, time, smtp, sms, push, databasePath);
        await result.Services.GetRequiredService<ISchemaMigrator>().MigrateAsync(CancellationToken.None);
        return result;
    }

    public INotificationGrain Notice(long userId) => _cluster.Client.GetGrain<INotificationGrain>(BillId.For(Month, userId));

    /// <summary>Seeds users 1..<paramref name="users"/> so the directory knows their (encrypted) contacts.</summary>
    public async Task SeedAsync(int users)
    {
        var generator = new DemoDataGenerator(new DatasetSpec(5, users, Month),
            Services.GetRequiredService<ContactCipher>(), Services.GetRequiredService<LookupHasher>(), Seoul);
        await Services.GetRequiredService<IDatasetSeeder>().SeedAsync(generator, null, CancellationToken.None);
    }

    /// <summary>Writes user <paramref name="userId"/>'s bill as settlement would, for tests that need it on record.</summary>
    public async Task WriteBillAsync(long userId)
    {
        var generator = new DemoDataGenerator(new DatasetSpec(5, 20, Month),
            Services.GetRequiredService<ContactCipher>(), Services.GetRequiredService<LookupHasher>(), Seoul);
        var pricing = new BillPricing(new PriceCatalog(DemoCatalog.Plans, DemoCatalog.Addons), BillingTerms.Default);
        var bill = pricing.Price(Month, generator.GenerateUser(userId).Charges)
            ?? throw new InvalidOperationException($"User {userId} has nothing to bill in the demo dataset.");
        await Services.GetRequiredService<IBillRepository>().WriteChunkAsync(new BillChunk(Month, 0, userId - 1, userId, [bill]), CancellationToken.None);
    }

    public static BillEvent EventFor(long userId)
    {
        var billId = BillId.For(Month, userId);
        return new BillEvent(BillEvent.EventIdFor(billId, Month.ToString()), billId, userId, Month.ToString(), 60_500,
            new DateOnly(2026, 11, 16), new DateOnly(2026, 11, 1), new BillLineSummary(55_000, 0, 0, 0, 0, 5_500));
    }

    /// <summary>A recipient with the demo contacts of <paramref name="userId"/>, the given preferences and the demo system policy.</summary>
    public RecipientSnapshot RecipientFor(long userId, params PreferenceSnapshot[] preferences)
    {
        var cipher = Services.GetRequiredService<ContactCipher>();
        return new RecipientSnapshot(
            userId,
            cipher.Encrypt(DemoContacts.EmailFor(userId), ContactColumns.Email),
            cipher.Encrypt(DemoContacts.PhoneFor(userId), ContactColumns.Phone),
            preferences,
            RecipientSnapshots.SystemWindows(DemoCatalog.MessagePolicies));
    }

    public static PreferenceSnapshot Preference(Channel channel, int priority, (int Start, int End)? quiet = null, int? sendDay = null, TimeOnly? sendTime = null) =>
        new(channel, true, priority,
            quiet is { } q ? new TimeOnly(q.Start, 0) : null, quiet is { } e ? new TimeOnly(e.End, 0) : null, sendDay, sendTime);

    public Task<AcceptOutcome> AcceptAsync(long userId, params PreferenceSnapshot[] preferences) =>
        Notice(userId).AcceptAsync(EventFor(userId), RecipientFor(userId, preferences), []);

    /// <summary>Moves the fake clock in small steps, so timers and reminders due on the way fire in order.</summary>
    public async Task AdvanceAsync(TimeSpan by)
    {
        var step = TimeSpan.FromSeconds(by > TimeSpan.FromMinutes(10) ? 60 : 5);
        for (var moved = TimeSpan.Zero; moved < by; moved += step)
        {
            Time.Advance(step < by - moved ? step : by - moved);
            await Task.Delay(5);
        }
        await Task.Delay(200);
    }

    public async Task EventuallyAsync(Func<bool> condition, string what, long? userId = null)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!condition())
        {
            if (timeout.IsCancellationRequested)
            {
                var view = userId is { } id ? await Notice(id).GetAsync() : null;
                Assert.Fail($"Timed out waiting until {what}. Notice: {(view is null ? "-" : string.Join("; ", view.Deliveries))}");
            }
            await Task.Delay(25);
        }
    }

    public async Task FlushLogAsync()
    {
        var writer = Services.GetRequiredService<DeliveryLogWriter>();
        await EventuallyAsync(() => writer.Pending == 0, "the delivery log is written");
        await Task.Delay(300);
    }

    public Task<IReadOnlyList<DeliveryState>> StatesAsync(long userId) =>
        Services.GetRequiredService<IDeliveryStore>().GetStatesAsync([BillId.For(Month, userId)], CancellationToken.None);

    /// <summary>Stops the silo, keeping the database, SMTP capture and provider fakes for a successor.</summary>
    public async Task StopSiloAsync()
    {
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopSiloAsync();
        await DisposeDependenciesAsync();
    }

    public async Task DisposeDependenciesAsync()
    {
        await Smtp.DisposeAsync();
        await Sms.DisposeAsync();
        await Push.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Path.GetDirectoryName(DatabasePath)!, recursive: true);
    }
}
