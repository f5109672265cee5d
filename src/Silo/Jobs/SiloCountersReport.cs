using System.Globalization;
using BillForU.Domain.Notifications;
using BillForU.Grains.Notifications;
using BillForU.Grains.Settlement;

namespace BillForU.Silo.Jobs;

/// <summary>
/// The line a serving silo prints every few seconds while its counters move (and once when it stops): the bills its
/// settlement partitions committed and the notices its grains took and sent — so an operator sees how a month was
/// shared between silos, and that a silo added mid-run took its part.
/// </summary>
public sealed class SiloCountersReport(string silo, SettlementMetrics settlement, NotificationMetrics notices, TextWriter output)
{
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"Silo {silo} counters: {settlement.Bills:N0} bills settled ({settlement.Chunks:N0} chunks); notices {notices.Accepted:N0} taken, "
        + $"{notices.Count(NotificationStatus.Sent):N0} sent, {notices.Count(NotificationStatus.Failed):N0} failed, "
        + $"{notices.Count(NotificationStatus.DeadLettered):N0} dead-lettered, {notices.Duplicates:N0} duplicates ignored");

    /// <summary>Prints the counters every <paramref name="every"/> when they changed, until cancelled, then once more.</summary>
    public async Task RunAsync(TimeSpan every, CancellationToken cancellationToken)
    {
        string? last = null;
        using var timer = new PeriodicTimer(every);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                last = await PrintIfChangedAsync(last);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: the final line below.
        }
        await PrintIfChangedAsync(last);
    }

    private async Task<string> PrintIfChangedAsync(string? last)
    {
        var line = Describe();
        if (line != last)
        {
            await output.WriteLineAsync(line);
        }
        return line;
    }
}
