using BillForU.Domain.Notifications;
using BillForU.Grains.Notifications;
using BillForU.Storage.Notifications;
using BillForU.Storage.Outages;

namespace BillForU.Silo.Jobs;

/// <summary>
/// Waits until the run's bill events have been taken by notification grains and recorded, drawing progress;
/// gives up waiting (not sending) after a quiet minute. In the embedded mode this process did all the work and
/// its own counters say so; in a cluster the other silos share it, so the delivery log is what counts. Time spent in a
/// store outage is not "quiet": the stall clock starts again once the store is back.
/// </summary>
public sealed class DispatchWatch(Func<CancellationToken, Task<DispatchProbe>> probe, TextWriter output)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan StallLimit = TimeSpan.FromSeconds(60);

    public static DispatchWatch ForThisProcess(NotificationMetrics metrics, DeliveryLogWriter log, TextWriter output) =>
        new(_ => Task.FromResult(new DispatchProbe(metrics.Accepted + metrics.Duplicates, metrics.InFlight > 0 || log.Pending > 0, log.WaitingForStore)), output);

    public static DispatchWatch ForCluster(IDeliveryStore deliveries, TextWriter output)
    {
        var last = new DispatchProbe(-1, true, false);
        return new(async cancellationToken =>
        {
            try
            {
                var counts = await deliveries.CountByStatusAsync(cancellationToken);
                last = new DispatchProbe(
                    counts.Sum(c => c.Count), counts.Any(c => c.Status is NotificationStatus.Pending or NotificationStatus.Sending && c.Count > 0), false);
            }
            catch (Exception e) when (StorageFaults.IsOutage(e) && !cancellationToken.IsCancellationRequested)
            {
                // The log cannot be counted while the store is down: keep the last count and say why it stands still.
                last = last with { Busy = true, InOutage = true };
            }
            return last;
        }, output);
    }

    /// <param name="startedAtUtc">When the events began to flow (the settlement run's start): notices go out while settling.</param>
    /// <returns>False when progress stalled before every event was taken.</returns>
    public async Task<bool> WaitAsync(long expectedEvents, DateTime startedAtUtc, CancellationToken cancellationToken)
    {
        var progress = ConsoleProgress.ForConsole(output);
        var lastProgressAt = DateTime.UtcNow;
        long lastTaken = -1;
        while (true)
        {
            var (taken, busy, inOutage) = await probe(cancellationToken);
            var seconds = Math.Max((DateTime.UtcNow - startedAtUtc).TotalSeconds, 0.001);
            var detail = $"{Math.Min(taken, expectedEvents):N0}/{expectedEvents:N0} bills, {Math.Min(taken, expectedEvents) / seconds:N0} notices/s";
            if (taken >= expectedEvents && !busy && taken == lastTaken)
            {
                progress.Complete("Notifying", detail);
                return true;
            }
            if (taken != lastTaken || inOutage)
            {
                (lastTaken, lastProgressAt) = (taken, DateTime.UtcNow);
            }
            else if (DateTime.UtcNow - lastProgressAt > StallLimit)
            {
                output.WriteLine();
                output.WriteLine($"warning: notification dispatch made no progress for {StallLimit.TotalSeconds:F0} s ({detail}); counts below are as of now.");
                return false;
            }
            progress.Report("Notifying", expectedEvents == 0 ? 1 : Math.Min(1, (double)taken / expectedEvents), inOutage ? $"{detail}, waiting for the store" : detail);
            await Task.Delay(PollInterval, cancellationToken);
        }
    }
}
