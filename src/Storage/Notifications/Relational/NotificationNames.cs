using BillForU.Domain.Customers;
using BillForU.Domain.Notifications;

namespace BillForU.Storage.Notifications.Relational;

/// <summary>
/// Notification enums as the stored upper-case words (RETRY_WAIT, DEAD_LETTERED, …), the same in both
/// dialects, like the rest of the schema (see <see cref="Storage.Relational.SqlNames"/>).
/// </summary>
internal static class NotificationNames
{
    /// <summary>Statuses with work still to do: what a restart must resume.</summary>
    public static readonly IReadOnlyList<NotificationStatus> Unfinished =
    [
        NotificationStatus.Pending, NotificationStatus.Deferred, NotificationStatus.Scheduled,
        NotificationStatus.Sending, NotificationStatus.RetryWait,
    ];

    public static string Of(NotificationStatus status) => status switch
    {
        NotificationStatus.Pending => "PENDING",
        NotificationStatus.Deferred => "DEFERRED",
        NotificationStatus.Scheduled => "SCHEDULED",
        NotificationStatus.Sending => "SENDING",
        NotificationStatus.RetryWait => "RETRY_WAIT",
        NotificationStatus.Sent => "SENT",
        NotificationStatus.Failed => "FAILED",
        NotificationStatus.DeadLettered => "DEAD_LETTERED",
        NotificationStatus.Cancelled => "CANCELLED",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, $"{nameof(NotificationStatus)} {status} has no stored name."),
    };

    public static NotificationStatus StatusOf(string value) => value switch
    {
        "PENDING" => NotificationStatus.Pending,
        "DEFERRED" => NotificationStatus.Deferred,
        "SCHEDULED" => NotificationStatus.Scheduled,
        "SENDING" => NotificationStatus.Sending,
        "RETRY_WAIT" => NotificationStatus.RetryWait,
        "SENT" => NotificationStatus.Sent,
        "FAILED" => NotificationStatus.Failed,
        "DEAD_LETTERED" => NotificationStatus.DeadLettered,
        "CANCELLED" => NotificationStatus.Cancelled,
        _ => throw new InvalidDataException($"'{value}' is not a stored {nameof(NotificationStatus)}."),
    };

    public static Channel ChannelOf(string value) => value switch
    {
        "EMAIL" => Channel.Email,
        "SMS" => Channel.Sms,
        "PUSH" => Channel.Push,
        _ => throw new InvalidDataException($"'{value}' is not a stored {nameof(Channel)}."),
    };
}
