using BillForU.Domain.Notifications;
using BillForU.Grains.Interfaces.Notifications;
using BillForU.Storage.Notifications;

namespace BillForU.Admin.Notifications;

/// <summary>The operator's actions on one bill's notice: retry (or replay from the DLQ), reschedule, cancel.</summary>
public sealed class NoticeCommands(IDeliveryStore deliveries, NoticeRehydrator rehydrator)
{
    public Task<NoticeOutcome> RetryAsync(long billId, CancellationToken cancellationToken) =>
        RunAsync(billId, grain => grain.RetryAsync(), cancellationToken);

    public Task<NoticeOutcome> RescheduleAsync(long billId, DateTime atUtc, CancellationToken cancellationToken) =>
        RunAsync(billId, grain => grain.RescheduleAsync(atUtc), cancellationToken);

    public Task<NoticeOutcome> CancelAsync(long billId, CancellationToken cancellationToken) =>
        RunAsync(billId, grain => grain.CancelAsync(), cancellationToken);

    private async Task<NoticeOutcome> RunAsync(long billId, Func<INotificationGrain, Task<bool>> action, CancellationToken cancellationToken)
    {
        var rows = await deliveries.GetStatesAsync([billId], cancellationToken);
        if (await rehydrator.GetAsync(billId, rows, cancellationToken) is not { } grain)
        {
            return NoticeOutcome.UnknownBill;
        }
        if (await action(grain))
        {
            return NoticeOutcome.Done;
        }
        // The grain, not the delivery log (written in batches, so it may lag), says whether the notice went out.
        var view = await grain.GetAsync();
        return view is not null && view.Deliveries.Any(d => d.Status == NotificationStatus.Sent)
            ? NoticeOutcome.AlreadySent
            : NoticeOutcome.NotApplicable;
    }
}
