using BillForU.Domain.Customers;
using BillForU.Domain.Notifications;
using BillForU.Domain.Security;
using BillForU.Storage.Notifications;

namespace BillForU.Admin.Contracts;

/// <summary>One channel's delivery of a bill notice; a provider's error text is redacted, as it may quote the address.</summary>
public sealed record DeliveryItem(
    long BillId,
    Channel Channel,
    long UserId,
    string BillingMonth,
    NotificationStatus Status,
    int Attempts,
    string? LastError,
    DateTime? NextAttemptAt,
    DateTime? SentAt,
    DateTime UpdatedAt)
{
    public static DeliveryItem Of(DeliveryState s) => new(
        s.BillId, s.Channel, s.UserId, s.BillingMonth, s.Status, s.Attempts,
        s.LastError is null ? null : ContactRedaction.Redact(s.LastError), s.NextAttemptAt, s.SentAt, s.UpdatedAt);
}
