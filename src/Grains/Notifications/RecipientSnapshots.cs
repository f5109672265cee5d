using BillForU.Domain.Customers;
using BillForU.Grains.Interfaces.Notifications;
using BillForU.Storage.Notifications;

namespace BillForU.Grains.Notifications;

public static class RecipientSnapshots
{
    public static IReadOnlyDictionary<Channel, QuietWindowSnapshot> SystemWindows(IEnumerable<MessagePolicy> policies) =>
        policies.Where(p => p.QuietEnabled).ToDictionary(p => p.Channel, p => new QuietWindowSnapshot(p.QuietWindow.Start, p.QuietWindow.End));

    public static RecipientSnapshot ToSnapshot(this Recipient recipient, IReadOnlyDictionary<Channel, QuietWindowSnapshot> systemWindows) => new(
        recipient.UserId,
        recipient.EmailCipher,
        recipient.PhoneCipher,
        recipient.Preferences
            .Select(p => new PreferenceSnapshot(p.Channel, p.Enabled, p.Priority, p.QuietWindow?.Start, p.QuietWindow?.End, p.SendDay, p.SendTime))
            .ToArray(),
        systemWindows);

    public static DeliverySnapshot ToSnapshot(this DeliveryState state) =>
        new(state.Channel, state.Status, state.Attempts, state.LastError, state.NextAttemptAt, state.SentAt, state.ProviderMessageId);
}
