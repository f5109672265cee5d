using System.Diagnostics;
using System.Diagnostics.Metrics;
using BillForU.Domain.Generation;
using BillForU.Grains.Notifications;
using BillForU.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BillForU.Pipeline.Bench;

/// <summary>
/// The month settled at 23:00 in Seoul, so every email and SMS notice waits for 08:00; then the silo is stopped and a
/// new one started over the same embedded store, as a restart does. It prints the time until the new silo has
/// recovered (what the run command does before it serves) and what it activated before 08:00: notices resumed, bills
/// handed over, notices the due-time scanner woke, and every Orleans activation created.
/// </summary>
public static class RestartScenario
{
    // Long enough for the due-time scanner to pass several times (every 5 s) after the restart.
    private static readonly TimeSpan Watch = TimeSpan.FromSeconds(20);

    public static async Task RunAsync(DatasetSpec spec, IReadOnlyDictionary<string, string?> extra)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("billforu-bench-").FullName;
        var connection = $"Data Source={Path.Combine(dataDirectory, "billforu.db")}";
        var night = new LocalHourClock(BenchSilo.Seoul, 23);
        await using (var silo = await BenchSilo.StartAsync(SqlProvider.Sqlite, connection, dataDirectory, extra, night))
        {
            await silo.SeedAsync(spec);
            var clock = Stopwatch.StartNew();
            var (run, settleTime, _) = await silo.SettleAsync(spec.Month, clock);
            var (_, logged) = await silo.WaitForNoticesAsync(run.EventsPublished, clock);
            var counts = await silo.CountNoticesAsync();
            Console.WriteLine($"restart  before      {run.EventsPublished:N0} bills settled at 23:00 Seoul in {settleTime.TotalSeconds:F1} s, notices logged by {logged.TotalSeconds:F1} s: "
                + string.Join(", ", counts.GroupBy(c => c.Status).Select(g => $"{g.Key} {g.Sum(c => c.Count):N0}")));
        }

        using var activations = new ActivationsCreated();
        var restart = Stopwatch.StartNew();
        await using (var silo = await BenchSilo.StartAsync(SqlProvider.Sqlite, connection, dataDirectory, extra, night))
        {
            var started = restart.Elapsed;
            var recovered = await silo.Services.GetRequiredService<NotificationRecovery>().RecoverAsync(CancellationToken.None);
            var ready = restart.Elapsed;
            await Task.Delay(Watch);
            var scanner = silo.Services.GetServices<IHostedService>().OfType<DueNoticeScanner>().Single();
            var local = TimeZoneInfo.ConvertTime(night.GetUtcNow(), BenchSilo.Seoul);
            Console.WriteLine($"restart  recovered   {ready.TotalSeconds,7:F1} s after the restart began (silo started at {started.TotalSeconds:F1} s; target <= 10 s)");
            Console.WriteLine($"restart  activated   by {local:HH:mm} Seoul: {recovered.Resumed:N0} notices resumed, {recovered.HandedOver:N0} bills handed over, "
                + $"{scanner.Woken:N0} woken by the due-time scanner (target 0); {activations.Count:N0} Orleans activations created in all");
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(dataDirectory, recursive: true);
    }

    /// <summary>Orleans' count of activations created (any grain type) since this listener started.</summary>
    private sealed class ActivationsCreated : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _count;

        public ActivationsCreated()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Name == "orleans-catalog-activation-created")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<int>((_, value, _, _) => Interlocked.Add(ref _count, value));
            _listener.Start();
        }

        public long Count => Interlocked.Read(ref _count);

        public void Dispose() => _listener.Dispose();
    }
}
