using System.Diagnostics;
using BillForU.Domain.Billing;
using BillForU.Domain.Notifications;
using BillForU.Domain.Generation;
using BillForU.Domain.Security;
using BillForU.Domain.Settlement;
using BillForU.Grains.Interfaces.Settlement;
using BillForU.Grains.Notifications;
using BillForU.Hosting.Extensions;
using BillForU.Storage;
using BillForU.Storage.Notifications;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BillForU.Pipeline.Bench;

/// <summary>A real embedded-mode silo over the given SQL store, as the Silo process builds it.</summary>
public sealed class BenchSilo(IHost host) : IAsyncDisposable
{
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(
        double.Parse(Environment.GetEnvironmentVariable("BENCH_PROGRESS_SECONDS") ?? "5", System.Globalization.CultureInfo.InvariantCulture));

    public static readonly TimeZoneInfo Seoul = TimeZoneInfo.FindSystemTimeZoneById("Asia/Seoul");

    public static async Task<BenchSilo> StartAsync(
        SqlProvider provider, string connectionString, string dataDirectory, IReadOnlyDictionary<string, string?> extra, TimeProvider? time = null)
    {
        // Notices go out while settling: measure them at 10:00 in Seoul, whatever the hour here.
        var clock = time ?? new LocalHourClock(Seoul, 10);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var settings = new Dictionary<string, string?>
        {
            ["BillForU:Mode"] = "Embedded",
            ["BillForU:DataDirectory"] = dataDirectory,
            ["BillForU:Sql:Provider"] = provider.ToString(),
            ["BillForU:Sql:ConnectionString"] = connectionString,
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }
        builder.Configuration.AddInMemoryCollection(settings);
        await builder.AddBillForUSiloAsync(CancellationToken.None);
        builder.Services.AddSingleton<TimeProvider>(clock);
        var host = builder.Build();
        await host.Services.GetRequiredService<ISchemaMigrator>().MigrateAsync(CancellationToken.None);
        await host.StartAsync();
        return new BenchSilo(host);
    }

    public IServiceProvider Services => host.Services;

    public async Task<(long Rows, TimeSpan Elapsed)> SeedAsync(DatasetSpec spec)
    {
        var services = host.Services;
        var generator = new DemoDataGenerator(spec, services.GetRequiredService<ContactCipher>(), services.GetRequiredService<LookupHasher>(), Seoul);
        var stopwatch = Stopwatch.StartNew();
        var rows = await services.GetRequiredService<IDatasetSeeder>().SeedAsync(generator, null, CancellationToken.None);
        return (rows, stopwatch.Elapsed);
    }

    public async Task<(SettlementRunView Run, TimeSpan Elapsed, MonthSummary Summary)> SettleAsync(BillingMonth month, Stopwatch? stopwatch = null)
    {
        var coordinator = host.Services.GetRequiredService<IGrainFactory>().GetGrain<ISettlementCoordinatorGrain>(month.ToString());
        stopwatch ??= Stopwatch.StartNew();
        await coordinator.StartAsync(new SettlementRequest(Force: true));
        SettlementRunView run;
        do
        {
            await Task.Delay(100);
            run = (await coordinator.GetStatusAsync())!;
        }
        while (run.Status is SettlementRunStatus.Running or SettlementRunStatus.Pending);
        var elapsed = stopwatch.Elapsed;
        var summary = await host.Services.GetRequiredService<IBillRepository>().GetMonthSummaryAsync(month, CancellationToken.None);
        return (run, elapsed, summary);
    }

    /// <summary>Waits until every published bill event has been taken by a notification grain and the delivery log is written.</summary>
    /// <returns>When every event had been taken by its grain, and when the delivery log had caught up too.</returns>
    public Task<(TimeSpan Accepted, TimeSpan Logged)> WaitForNoticesAsync(long events, Stopwatch since) =>
        WaitForNoticesAsync(Task.FromResult(events), since);

    /// <summary>
    /// As above, for events still being published: progress is reported from the start, not only once the last event is
    /// out (a replay of a million bills publishes for most of the run).
    /// </summary>
    private async Task<(TimeSpan Accepted, TimeSpan Logged)> WaitForNoticesAsync(Task<long> published, Stopwatch since)
    {
        var metrics = host.Services.GetRequiredService<NotificationMetrics>();
        var log = host.Services.GetRequiredService<DeliveryLogWriter>();
        var nextReport = since.Elapsed + ProgressEvery;
        long? events = null;
        while (events is not { } total || metrics.Accepted + metrics.Duplicates < total || metrics.InFlight > 0)
        {
            await Task.Delay(20);
            if (events is null && published.IsCompleted)
            {
                events = await published;
            }
            if (since.Elapsed >= nextReport)
            {
                nextReport += ProgressEvery;
                Console.WriteLine($"  {since.Elapsed.TotalSeconds,6:F1} s  taken {metrics.Accepted + metrics.Duplicates,10:N0}  sent {metrics.Count(NotificationStatus.Sent),10:N0}  sending {metrics.InFlight,6:N0}  waiting to retry {metrics.Count(NotificationStatus.RetryWait),6:N0}  log queue {log.Pending,7:N0}");
            }
        }
        var accepted = since.Elapsed;
        while (log.Pending > 0)
        {
            await Task.Delay(20);
        }
        return (accepted, since.Elapsed);
    }

    /// <summary>
    /// Publishes the month's stored bills as events again (see <see cref="BillEventReplay"/>) and waits until every one is
    /// taken and logged, reporting progress all along.
    /// </summary>
    public async Task<StoredBillNotices> NotifyStoredBillsAsync(BillingMonth month, int streams, Stopwatch since, long window = long.MaxValue)
    {
        var publishedAt = TimeSpan.Zero;
        var replay = PublishAsync();
        var (accepted, logged) = await WaitForNoticesAsync(replay, since);
        return new StoredBillNotices(await replay, publishedAt, accepted, logged);

        // From a silo that has never seen these bills.
        async Task<long> PublishAsync()
        {
            var metrics = host.Services.GetRequiredService<NotificationMetrics>();
            var published = await new BillEventReplay(host.Services.GetRequiredService<IBillRepository>(), host.Services.GetRequiredService<IClusterClient>(),
                    () => metrics.Accepted + metrics.Duplicates, window)
                .PublishAsync(month, streams, CancellationToken.None);
            publishedAt = since.Elapsed;
            return published;
        }
    }

    public async Task<IReadOnlyList<StatusCount>> CountNoticesAsync() =>
        await host.Services.GetRequiredService<IDeliveryStore>().CountByStatusAsync(CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }
}
