using BillForU.Domain.Billing;
using BillForU.Grains.Notifications;
using BillForU.Grains.Settlement;
using BillForU.Silo.Cli;
using BillForU.Storage;
using BillForU.Storage.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BillForU.Silo.Jobs;

/// <summary>
/// `reconcile`: what became of every bill of a month, from the database alone, and with --repair the missing ones
/// handed over by a silo started for it. Exits 0 when no bill is missing its notice record, 1 otherwise.
/// </summary>
public static class ReconcileJob
{
    private const int Sample = 10;

    public static async Task<int> RunAsync(
        IReadOnlyDictionary<string, string?> settings, BillingMonth month, bool repair, TextWriter output, CancellationToken cancellationToken)
    {
        var (built, _, exitCode) = await SiloHost.BuildAsync(settings, output, cancellationToken);
        if (built is not { } host)
        {
            return exitCode;
        }
        using (host)
        {
            try
            {
                var services = host.Services;
                await services.GetRequiredService<ISchemaMigrator>().MigrateAsync(cancellationToken);
                var store = services.GetRequiredService<IReconciliationStore>();
                var printer = new ReconciliationPrinter(output, services.GetRequiredService<IOptions<SettlementOptions>>().Value.Zone);
                var report = await store.ReconcileAsync(month, Sample, cancellationToken);
                printer.Print(report);
                if (!repair || report.NothingMissing)
                {
                    return report.NothingMissing ? ExitCodes.Success : ExitCodes.RunFailed;
                }
                await host.StartAsync(cancellationToken);
                try
                {
                    var handedOver = await services.GetRequiredService<NotificationRecovery>().SweepAsync(month, cancellationToken);
                    await services.GetRequiredService<DeliveryLogWriter>().WhenWrittenAsync();
                    await output.WriteLineAsync($"Handed over {handedOver:N0} bills. Now:");
                }
                finally
                {
                    await host.StopAsync(CancellationToken.None);
                }
                report = await store.ReconcileAsync(month, Sample, cancellationToken);
                printer.Print(report);
                return report.NothingMissing ? ExitCodes.Success : ExitCodes.RunFailed;
            }
            catch (StorageUnavailableException e)
            {
                await output.WriteLineAsync($"database unavailable: {e.Message}");
                return ExitCodes.StorageUnavailable;
            }
        }
    }
}
