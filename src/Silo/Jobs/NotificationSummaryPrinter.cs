using BillForU.Domain.Customers;
using BillForU.Domain.Notifications;
using BillForU.Grains.Notifications;
using BillForU.Storage.Notifications;

namespace BillForU.Silo.Jobs;

public static class NotificationSummaryPrinter
{
    private static readonly NotificationStatus[] Columns =
    [
        NotificationStatus.Sent, NotificationStatus.Deferred, NotificationStatus.Scheduled, NotificationStatus.RetryWait,
        NotificationStatus.Failed, NotificationStatus.DeadLettered, NotificationStatus.Pending, NotificationStatus.Sending,
    ];

    public static void Print(TextWriter output, IReadOnlyList<StatusCount> counts, NotificationMetrics metrics)
    {
        output.WriteLine();
        output.WriteLine("Notices by channel and current status:");
        output.WriteLine($"  {"channel",-8}" + string.Concat(Columns.Select(c => $"{Label(c),14}")));
        foreach (var channel in Enum.GetValues<Channel>())
        {
            output.WriteLine($"  {channel.ToString().ToUpperInvariant(),-8}"
                + string.Concat(Columns.Select(c => $"{counts.Where(x => x.Channel == channel && x.Status == c).Sum(x => x.Count),14:N0}")));
        }
        output.WriteLine($"  this process: {metrics.Count(NotificationStatus.Sent):N0} sent, {metrics.Count(NotificationStatus.Deferred):N0} deferred by quiet hours, "
            + $"{metrics.Count(NotificationStatus.Scheduled):N0} scheduled, {metrics.Count(NotificationStatus.RetryWait):N0} retried, "
            + $"{metrics.Fallbacks:N0} fell back, {metrics.Count(NotificationStatus.DeadLettered):N0} dead letters, {metrics.Duplicates:N0} duplicates ignored");
    }

    private static string Label(NotificationStatus status) => status switch
    {
        NotificationStatus.RetryWait => "RETRY_WAIT",
        NotificationStatus.DeadLettered => "DEAD_LETTERED",
        _ => status.ToString().ToUpperInvariant(),
    };
}
