using BillForU.Domain.Billing;
using BillForU.Domain.Generation;
using BillForU.Domain.Settlement;
using BillForU.Grains.Interfaces.Settlement;
using BillForU.Grains.Notifications;
using BillForU.Grains.Settlement;
using BillForU.Hosting.Configuration;
using BillForU.Silo.Cli;
using BillForU.Storage;
using BillForU.Storage.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace BillForU.Silo.Jobs;

/// <summary>
/// The README's first command: start a silo, make sure the demo dataset is loaded, settle the month
/// with live progress, print the summary, then serve the admin API and dashboards on the same silo until
/// stopped (unless told to exit). A month already settled is reported, not settled twice.
/// </summary>
public static class MainJob
{
    private const string ChoosePortHint = "  Choose another port with --dashboard-port N (or BillForU:Admin:Url), or pass --exit to stop after the summary.";

    public static async Task<int> RunAsync(RunArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        IHost? built;
        BillForUOptions? options;
        AdminSite? site = null;
        int exitCode;
        if (arguments.Exit)
        {
            (built, options, exitCode) = await SiloHost.BuildAsync(arguments.Settings, output, cancellationToken);
        }
        else
        {
            (built, options, site, exitCode) = await SiloHost.BuildWithAdminAsync(arguments.Settings, output, cancellationToken);
        }
        if (built is not { } host)
        {
            return exitCode;
        }

        using (host)
        {
            try
            {
                return await RunWithHostAsync(host, options!, site, arguments, output, cancellationToken);
            }
            catch (StorageUnavailableException e)
            {
                await output.WriteLineAsync($"database unavailable: {e.Message}");
                return ExitCodes.StorageUnavailable;
            }
        }
    }

    private static async Task<int> RunWithHostAsync(
        IHost host, BillForUOptions options, AdminSite? site, RunArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        if (site?.ListenRefusal() is { } busy)
        {
            await output.WriteLineAsync($"error: the admin API and dashboards cannot listen: {busy}.");
            await output.WriteLineAsync(ChoosePortHint);
            return ExitCodes.BadConfiguration;
        }
        var services = host.Services;
        var time = services.GetRequiredService<TimeProvider>();
        var zone = services.GetRequiredService<IOptions<SettlementOptions>>().Value.Zone;
        var month = arguments.Month ?? BillingMonth.Of(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone).DateTime)).Previous;
        var sql = options.ResolveSql();
        await output.WriteLineAsync($"BillForU {options.Mode.ToString().ToLowerInvariant()} mode, {sql.Provider} store, month {month}");

        await services.GetRequiredService<ISchemaMigrator>().MigrateAsync(cancellationToken);
        var preparation = ActivatorUtilities.CreateInstance<DatasetPreparation>(services, output);
        if (await preparation.EnsureAsync(DatasetSpec.Validated(arguments.Seed, arguments.Users, month), arguments.Reset, zone, cancellationToken) is { } refusal)
        {
            await output.WriteLineAsync($"error: {refusal}");
            return ExitCodes.BadInput;
        }

        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch (IOException e) when (site is not null)
        {
            // Taken since the check above: Kestrel could not bind, and nothing was settled yet.
            await host.StopAsync(CancellationToken.None);
            await output.WriteLineAsync($"error: the admin API and dashboards cannot listen: {e.Message}");
            await output.WriteLineAsync(ChoosePortHint);
            return ExitCodes.BadConfiguration;
        }
        try
        {
            var recovery = services.GetRequiredService<NotificationRecovery>();
            if (options.Mode == BillForUMode.Embedded && await recovery.RecoverAsync(cancellationToken) is { Total: > 0 } recovered)
            {
                await output.WriteLineAsync(
                    $"Resumed {recovered.Resumed:N0} notices left in flight and handed over {recovered.HandedOver:N0} settled bills that had none.");
            }
            var coordinator = services.GetRequiredService<IGrainFactory>().GetGrain<ISettlementCoordinatorGrain>(month.ToString());
            var start = await coordinator.StartAsync(new SettlementRequest(arguments.Force, arguments.Partitions, arguments.ChunkSize));
            await output.WriteLineAsync(start.Outcome switch
            {
                StartOutcome.AlreadySettled => $"{month} is already settled (run {start.Run.RunId}, finished {start.Run.FinishedAt:u}); --force settles it again.",
                StartOutcome.AlreadyRunning => $"{month} is being settled by run {start.Run.RunId}; following its progress.",
                StartOutcome.Resumed => $"Resuming run {start.Run.RunId} of {month} from its checkpoints.",
                _ => $"Settling {month}: run {start.Run.RunId}, {start.Run.PartitionsTotal} partitions.",
            });
            var run = start.Outcome == StartOutcome.AlreadySettled
                ? start.Run
                : await new SettlementWatch(coordinator, time, output).WaitAsync(cancellationToken);
            var summary = await services.GetRequiredService<IBillRepository>().GetMonthSummaryAsync(month, cancellationToken);
            SettlementSummaryPrinter.Print(output, run, summary);
            if (start.Outcome != StartOutcome.AlreadySettled)
            {
                var watch = options.Mode == BillForUMode.Cluster
                    ? DispatchWatch.ForCluster(services.GetRequiredService<IDeliveryStore>(), output)
                    : DispatchWatch.ForThisProcess(services.GetRequiredService<NotificationMetrics>(), services.GetRequiredService<DeliveryLogWriter>(), output);
                await watch.WaitAsync(run.EventsPublished, run.StartedAt, cancellationToken);
            }
            // The bill stream is not the record: whatever it lost (a crash, a resumed run) is found by its missing row.
            // An embedded start on a settled month has just swept it in the recovery above.
            var swept = options.Mode == BillForUMode.Embedded && start.Outcome == StartOutcome.AlreadySettled;
            if (!swept && await recovery.SweepAsync(month, cancellationToken) is > 0 and var handedOver)
            {
                await output.WriteLineAsync($"Handed over {handedOver:N0} bills of {month} that had no notice record.");
            }
            await services.GetRequiredService<DeliveryLogWriter>().WhenWrittenAsync();
            var counts = await services.GetRequiredService<IDeliveryStore>().CountByStatusAsync(cancellationToken);
            NotificationSummaryPrinter.Print(output, counts, services.GetRequiredService<NotificationMetrics>());
            if (site is not null)
            {
                await site.ServeAsync(host, output, cancellationToken);
            }
            return run.Status == SettlementRunStatus.Completed ? ExitCodes.Success : ExitCodes.RunFailed;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }
}
