using BillForU.Grains.Billing;
using BillForU.Grains.Interfaces.Notifications;
using BillForU.Grains.Notifications;
using BillForU.Storage;
using BillForU.Storage.Notifications;

namespace BillForU.Admin.Notifications;

/// <summary>
/// Finds a bill's notice grain with its state in place. An embedded silo keeps grain state in memory and
/// recovers only unfinished notices at start, so a failed or dead-lettered notice from before a restart has an
/// empty grain: it is handed its bill again with the delivery log's rows, the way recovery does, and resumes
/// from them instead of starting over.
/// </summary>
public sealed class NoticeRehydrator(IGrainFactory grains, IBillRepository bills, IRecipientDirectory directory)
{
    /// <returns>The grain, or null when the bill has no notice on record.</returns>
    public async Task<INotificationGrain?> GetAsync(long billId, IReadOnlyList<DeliveryState> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return null;
        }
        var grain = grains.GetGrain<INotificationGrain>(billId);
        if (await grain.GetAsync() is not null)
        {
            return grain;
        }
        if (await bills.GetBillAsync(billId, cancellationToken) is not { } bill)
        {
            return null;
        }
        var windows = RecipientSnapshots.SystemWindows(await directory.GetMessagePoliciesAsync(cancellationToken));
        var recipients = await directory.GetRecipientsAsync([bill.Header.UserId], cancellationToken);
        var recipient = recipients.TryGetValue(bill.Header.UserId, out var found)
            ? found.ToSnapshot(windows)
            : new RecipientSnapshot(bill.Header.UserId, null, null, [], windows);
        await grain.AcceptAsync(bill.Header.ToEvent(), recipient, rows.Select(r => r.ToSnapshot()).ToArray());
        return grain;
    }
}
