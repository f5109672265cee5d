using BillForU.Grains.Notifications;

namespace BillForU.Silo.Jobs;

/// <summary>
/// Waits until this process's notification grains have taken every bill event of the run and the
/// delivery log has been written, drawing progress; gives up waiting (not sending) after a quiet minute.
/// </summary>
public sealed class DispatchWatch(NotificationMetrics metrics, DeliveryLogWriter log, TextWriter output)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan StallLimit = TimeSpan.FromSeconds(60);

    /// <param name="startedAtUtc">When the events began to flow (the settlement run's start): notices go out while settling.</param>
    /// <returns>False when progress stalled before every event was taken.</returns>
    public async Task<bool> WaitAsync(long expectedEvents, DateTime startedAtUtc, CancellationToken cancellationToken)
    {
        var progress = ConsoleProgress.ForConsole(output);
        var lastProgressAt = DateTime.UtcNow;
        long lastTaken = -1;
        while (true)
        {
            var taken = metrics.Accepted + metrics.Duplicates;
            var seconds = Math.Max((DateTime.UtcNow - startedAtUtc).TotalSeconds, 0.001);
            var detail = $"{taken:N0}/{expectedEvents:N0} bills, {taken / seconds:N0} notices/s";
            if (taken >= expectedEvents && metrics.InFlight == 0 && log.Pending == 0)
            {
                progress.Complete("Notifying", detail);
                return true;
            }
            if (taken != lastTaken)
            {
                (lastTaken, lastProgressAt) = (taken, DateTime.UtcNow);
            }
            else if (DateTime.UtcNow - lastProgressAt > StallLimit)
            {
                output.WriteLine();
                output.WriteLine($"warning: notification dispatch made no progress for {StallLimit.TotalSeconds:F0} s ({detail}); counts below are as of now.");
                return false;
            }
            progress.Report("Notifying", expectedEvents == 0 ? 1 : (double)taken / expectedEvents, detail);
            await Task.Delay(PollInterval, cancellationToken);
        }
    }
}
