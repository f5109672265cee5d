using BillForU.Grains.Interfaces.Billing;

namespace BillForU.Grains.Interfaces.Notifications;

/// <summary>
/// One bill's notice (key: bill id). Owns idempotency, the channel plan with fallback, quiet-hour
/// deferral, scheduled sends and retries; durable wake-ups are reminders.
/// </summary>
public interface INotificationGrain : IGrainWithIntegerKey
{
    /// <summary>Takes the bill's event; a second event for the same bill is acknowledged and ignored.</summary>
    /// <param name="known">The bill's delivery rows from SQL, so a grain whose memory state was lost does not start over.</param>
    /// <param name="mayBeRedelivered">
    /// False only when the event was read for the first time, so no earlier delivery can have started a send: its first
    /// send then goes out before the state is first written.
    /// </param>
    Task<AcceptOutcome> AcceptAsync(BillEvent billEvent, RecipientSnapshot recipient, IReadOnlyList<DeliverySnapshot> known, bool mayBeRedelivered = true);

    Task<NotificationView?> GetAsync();

    /// <summary>
    /// Restarts a failed or dead-lettered notice from its primary channel, planned from the user's current
    /// preferences. False when there is nothing to retry: a sent notice is never sent again, and a notice of a
    /// user who has disabled every channel stays unsent.
    /// </summary>
    Task<bool> RetryAsync();

    /// <summary>Moves a scheduled (or not yet sent) notice to <paramref name="atUtc"/>.</summary>
    Task<bool> RescheduleAsync(DateTime atUtc);

    /// <summary>Cancels a scheduled notice; it is never sent unless rescheduled.</summary>
    Task<bool> CancelAsync();
}
