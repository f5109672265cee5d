using BillForU.Domain.Billing;
using BillForU.Domain.Notifications;
using BillForU.Storage.Notifications;
using Microsoft.Extensions.Logging;

namespace BillForU.Grains.Notifications;

/// <summary>
/// Makes every settled bill's notice durable again after a restart or a lost event. Notices that were in flight
/// (taken, mid-send, between a failure and its fallback) go back to their grains at once; waiting ones are left to
/// <see cref="DueNoticeScanner"/> until they are due; and the reconciliation sweep hands over every settled bill that
/// has no notice record at all. Each read is a page of an index: the cost follows what is owed, not what waits.
/// </summary>
public sealed partial class NotificationRecovery(
    IDeliveryStore deliveries,
    IReconciliationStore reconciliation,
    NoticeHandOver handOver,
    ILogger<NotificationRecovery> logger)
{
    private const int PageSize = 500;

    // Statuses of a notice that was taken and has no time to wake at: left so only by a process that stopped.
    private static readonly NotificationStatus[] InFlight = [NotificationStatus.Pending, NotificationStatus.Sending, NotificationStatus.Failed];

    /// <summary>Resumes the notices left in flight, then sweeps every settled month.</summary>
    public async Task<RecoveryCounts> RecoverAsync(CancellationToken cancellationToken)
    {
        var resumed = 0;
        foreach (var status in InFlight)
        {
            resumed += await ResumeAsync(status, cancellationToken);
        }
        var handedOver = 0;
        foreach (var month in await reconciliation.ListSettledMonthsAsync(cancellationToken))
        {
            handedOver += await SweepAsync(month, cancellationToken);
        }
        if (resumed > 0)
        {
            LogResumed(resumed);
        }
        return new RecoveryCounts(resumed, handedOver);
    }

    /// <summary>Hands over the month's settled bills that have no notice record.</summary>
    /// <returns>How many were handed over.</returns>
    public async Task<int> SweepAsync(BillingMonth month, CancellationToken cancellationToken)
    {
        var handedOver = 0;
        long after = 0;
        while (await reconciliation.ListBillsWithoutNoticeAsync(month, after, PageSize, cancellationToken) is { Count: > 0 } page)
        {
            await handOver.HandOverAsync(page, Array.Empty<DeliveryState>().ToLookup(s => s.BillId), cancellationToken);
            handedOver += page.Count;
            after = page[^1].BillId;
        }
        if (handedOver > 0)
        {
            LogHandedOver(handedOver, month.ToString());
        }
        return handedOver;
    }

    private async Task<int> ResumeAsync(NotificationStatus status, CancellationToken cancellationToken)
    {
        var resumed = 0;
        long after = 0;
        while (await deliveries.ListByStatusAsync(status, after, PageSize, cancellationToken) is { Count: > 0 } page)
        {
            after = page[^1].BillId;
            var billIds = page.Select(p => p.BillId).Distinct().ToArray();
            var known = (await deliveries.GetStatesAsync(billIds, cancellationToken)).ToLookup(s => s.BillId);
            // A failed channel whose fallback was sent, dead-lettered or waits has an outcome: only the bills with none resume.
            var owed = billIds.Where(id => !known[id].Any(s => HasOutcome(s.Status))).ToArray();
            var bills = await reconciliation.GetBillHeadersAsync(owed, cancellationToken);
            await handOver.HandOverAsync(bills, known, cancellationToken);
            resumed += bills.Count;
        }
        return resumed;
    }

    private static bool HasOutcome(NotificationStatus status) => status is not (NotificationStatus.Pending or NotificationStatus.Sending or NotificationStatus.Failed);

    [LoggerMessage(2201, LogLevel.Information, "Resumed {Count} notices left in flight by the previous run")]
    private partial void LogResumed(int count);

    [LoggerMessage(2202, LogLevel.Warning, "Handed over {Count} settled bills of {Month} that had no notice record")]
    private partial void LogHandedOver(int count, string month);
}
