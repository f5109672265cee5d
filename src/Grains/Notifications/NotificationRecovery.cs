using BillForU.Grains.Billing;
using BillForU.Grains.Interfaces.Notifications;
using BillForU.Storage;
using BillForU.Storage.Notifications;
using Microsoft.Extensions.Logging;

namespace BillForU.Grains.Notifications;

/// <summary>
/// Brings back unfinished notices after a restart of a silo whose grain state and reminders lived in memory
/// (the embedded mode): every bill whose delivery row says it still has work to do — deferred, scheduled,
/// waiting for a retry, or caught mid-send — is handed to its grain again with that row, so it resumes
/// rather than starts over, and never sends a notice that is already sent.
/// </summary>
public sealed partial class NotificationRecovery(
    IDeliveryStore deliveries,
    IBillRepository bills,
    IRecipientDirectory directory,
    IGrainFactory grains,
    ILogger<NotificationRecovery> logger)
{
    private const int PageSize = 1_000;

    /// <returns>Bills handed back to their grains.</returns>
    public async Task<int> RecoverAsync(CancellationToken cancellationToken)
    {
        var windows = RecipientSnapshots.SystemWindows(await directory.GetMessagePoliciesAsync(cancellationToken));
        var recovered = 0;
        long after = 0;
        while (true)
        {
            var page = await deliveries.ListUnfinishedAsync(after, PageSize, cancellationToken);
            if (page.Count == 0)
            {
                break;
            }
            after = page[^1].BillId;
            var billIds = page.Select(p => p.BillId).Distinct().ToArray();
            var known = (await deliveries.GetStatesAsync(billIds, cancellationToken)).ToLookup(s => s.BillId);
            var recipients = await directory.GetRecipientsAsync(page.Select(p => p.UserId).Distinct().ToArray(), cancellationToken);
            foreach (var billId in billIds)
            {
                if (await bills.GetBillAsync(billId, cancellationToken) is not { } bill)
                {
                    continue;
                }
                var recipient = recipients.TryGetValue(bill.Header.UserId, out var found)
                    ? found.ToSnapshot(windows)
                    : new RecipientSnapshot(bill.Header.UserId, null, null, [], windows);
                await grains.GetGrain<INotificationGrain>(billId)
                    .AcceptAsync(bill.Header.ToEvent(), recipient, known[billId].Select(s => s.ToSnapshot()).ToArray());
                recovered++;
            }
        }
        if (recovered > 0)
        {
            LogRecovered(recovered);
        }
        return recovered;
    }

    [LoggerMessage(2201, LogLevel.Information, "Recovered {Count} unfinished bill notices from the delivery log")]
    private partial void LogRecovered(int count);
}
