using BillForU.Grains.Interfaces.Settlement;

namespace BillForU.Silo.Jobs;

/// <summary>Polls a month's coordinator and draws its progress until the run ends.</summary>
public sealed class SettlementWatch(ISettlementCoordinatorGrain coordinator, TimeProvider time, TextWriter output)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    public async Task<SettlementRunView> WaitAsync(CancellationToken cancellationToken)
    {
        var progress = ConsoleProgress.ForConsole(output);
        while (true)
        {
            var run = await coordinator.GetStatusAsync()
                ?? throw new InvalidOperationException("The coordinator lost its run.");
            var now = time.GetUtcNow().UtcDateTime;
            if (!run.IsActive())
            {
                progress.Complete("Settling", Describe(run, now));
                return run;
            }
            progress.Report("Settling", run.Progress, Describe(run, now));
            await Task.Delay(PollInterval, time, cancellationToken);
        }
    }

    private static string Describe(SettlementRunView run, DateTime now)
    {
        var eta = run.Eta(now) is { } e ? $", ETA {e.TotalSeconds:F0} s" : string.Empty;
        return $"{run.PartitionsDone}/{run.PartitionsTotal} partitions, {run.BillsWritten:N0} bills, {run.BillsPerSecond(now):N0} bills/s{eta}";
    }
}
