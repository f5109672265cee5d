using BillForU.Domain.Customers;
using BillForU.Domain.Notifications;

namespace BillForU.Storage.Notifications;

/// <summary>
/// The current state of one bill's notice on one channel (table <c>notification_deliveries</c>, key
/// (bill_id, channel)). It backs the grain's own state: a grain that comes up empty after a restart reads
/// this, and the dashboard counts it.
/// </summary>
public sealed record DeliveryState(
    long BillId,
    Channel Channel,
    long UserId,
    string BillingMonth,
    NotificationStatus Status,
    int Attempts,
    string? LastError,
    DateTime? NextAttemptAt,
    DateTime? SentAt,
    string? ProviderMessageId,
    DateTime UpdatedAt);
