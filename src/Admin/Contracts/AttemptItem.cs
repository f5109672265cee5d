using BillForU.Domain.Customers;
using BillForU.Domain.Notifications;
using BillForU.Domain.Security;
using BillForU.Storage.Notifications;

namespace BillForU.Admin.Contracts;

public sealed record AttemptItem(Channel Channel, int Attempt, NotificationStatus Status, string? Error, DateTime At)
{
    public static AttemptItem Of(DeliveryAttempt a) =>
        new(a.Channel, a.Attempt, a.Status, a.Error is null ? null : ContactRedaction.Redact(a.Error), a.At);
}
