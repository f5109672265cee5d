using BillForU.Grains.Notifications;
using BillForU.Grains.Settlement;
using BillForU.Hosting.Configuration;
using BillForU.Silo.Cli;
using BillForU.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BillForU.Silo.Jobs;

/// <summary>
/// `serve`: a silo that runs until stopped. In cluster mode it joins the others through Redis and takes its
/// share of settlement partitions, Kafka queues, notices and reminders; settlements are started from the
/// admin API or by the main job run against the same cluster.
/// </summary>
public static class ServeJob
{
    /// <param name="reportEvery">How often the silo prints its counters while they move; zero: never.</param>
    public static async Task<int> RunAsync(
        IReadOnlyDictionary<string, string?> settings, TimeSpan reportEvery, TextWriter output, CancellationToken cancellationToken)
    {
        var (built, options, exitCode) = await SiloHost.BuildAsync(settings, output, cancellationToken);
        if (built is not { } host)
        {
            return exitCode;
        }
        using (host)
        {
            try
            {
                await host.Services.GetRequiredService<ISchemaMigrator>().MigrateAsync(cancellationToken);
                await host.StartAsync(cancellationToken);
                if (options!.Mode == BillForUMode.Embedded)
                {
                    await host.Services.GetRequiredService<NotificationRecovery>().RecoverAsync(cancellationToken);
                }
                var silo = host.Services.GetRequiredService<ILocalSiloDetails>();
                await output.WriteLineAsync($"Silo {silo.SiloAddress} serving in {options.Mode.ToString().ToLowerInvariant()} mode (cluster {silo.ClusterId}); Ctrl+C stops it.");
                using var stopReporting = new CancellationTokenSource();
                var report = reportEvery > TimeSpan.Zero
                    ? new SiloCountersReport(silo.SiloAddress.ToString(), host.Services.GetRequiredService<SettlementMetrics>(),
                        host.Services.GetRequiredService<NotificationMetrics>(), output).RunAsync(reportEvery, stopReporting.Token)
                    : Task.CompletedTask;
                await host.WaitForShutdownAsync(cancellationToken);
                await stopReporting.CancelAsync();
                await report;
                return ExitCodes.Success;
            }
            catch (StorageUnavailableException e)
            {
                await output.WriteLineAsync($"database unavailable: {e.Message}");
                return ExitCodes.StorageUnavailable;
            }
        }
    }
}
