using BillForU.Domain.Notifications;
using BillForU.Grains.Interfaces.Notifications;

namespace BillForU.Grains.Notifications;

/// <summary>A delivery as the grain's callers and the delivery log's rows see it, and back.</summary>
internal static class NoticeDeliverySnapshots
{
    public static DeliverySnapshot ToSnapshot(this NoticeDelivery delivery) =>
        new(delivery.Channel, delivery.Status, delivery.Attempts, delivery.LastError, delivery.NextAttemptAt, delivery.SentAt, delivery.ProviderMessageId);

    public static NoticeDelivery ToDelivery(this DeliverySnapshot row) => new()
    {
        Channel = row.Channel,
        Status = row.Status,
        Attempts = row.Attempts,
        LastError = row.LastError,
        NextAttemptAt = row.NextAttemptAt,
        SentAt = row.SentAt,
        ProviderMessageId = row.ProviderMessageId,
    };
}
