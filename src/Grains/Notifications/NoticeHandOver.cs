using BillForU.Domain.Billing;
using BillForU.Grains.Billing;
using BillForU.Grains.Interfaces.Notifications;
using BillForU.Storage.Notifications;

namespace BillForU.Grains.Notifications;

/// <summary>
/// Hands bills to their notification grains outside the bill stream, as its consumer does: one read of recipients and
/// policies per batch, the bills' earlier delivery rows passed along so a grain resumes rather than starts over.
/// Used wherever the stream cannot be the record: resuming after a restart, waking what is due, the reconciliation sweep.
/// </summary>
public sealed class NoticeHandOver(IRecipientDirectory directory, IGrainFactory grains)
{
    /// <param name="known">The bills' delivery rows, by bill id; none for a bill that was never handed over.</param>
    /// <returns>Once every grain has taken its bill (and sent, deferred or scheduled it).</returns>
    public async Task HandOverAsync(IReadOnlyList<BillHeader> bills, ILookup<long, DeliveryState> known, CancellationToken cancellationToken)
    {
        if (bills.Count == 0)
        {
            return;
        }
        var windows = RecipientSnapshots.SystemWindows(await directory.GetMessagePoliciesAsync(cancellationToken));
        var recipients = await directory.GetRecipientsAsync(bills.Select(b => b.UserId).Distinct().ToArray(), cancellationToken);
        await Task.WhenAll(bills.Select(bill => grains.GetGrain<INotificationGrain>(bill.BillId).AcceptAsync(
            bill.ToEvent(),
            recipients.TryGetValue(bill.UserId, out var recipient)
                ? recipient.ToSnapshot(windows)
                : new RecipientSnapshot(bill.UserId, null, null, [], windows),
            known[bill.BillId].Select(s => s.ToSnapshot()).ToArray())));
    }
}
