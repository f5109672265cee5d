using BillForU.Domain.Customers;
using BillForU.Domain.Notifications;

namespace BillForU.Storage.Notifications;

/// <summary>One attempt to deliver a notice (table <c>notification_attempts</c>), appended, never updated.</summary>
/// <param name="Status">What the attempt ended as: SENT, RETRY_WAIT, FAILED, DEFERRED, SCHEDULED or DEAD_LETTERED.</param>
public sealed record DeliveryAttempt(
    long BillId,
    Channel Channel,
    int Attempt,
    NotificationStatus Status,
    string? Error,
    string? ProviderMessageId,
    DateTime At);
