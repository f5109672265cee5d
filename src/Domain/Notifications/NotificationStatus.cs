namespace BillForU.Domain.Notifications;

/// <summary>Lifecycle of one channel's delivery of a bill notice (design §4).</summary>
public enum NotificationStatus
{
    Pending = 1,
    Deferred = 2,
    Scheduled = 3,
    Sending = 4,
    RetryWait = 5,
    Sent = 6,
    Failed = 7,
    DeadLettered = 8,
    Cancelled = 9,
}
