using BillForU.Domain.Customers;

namespace BillForU.Domain.Notifications;

/// <summary>One channel's delivery of a bill notice: where it stands, and the quiet window it must respect.</summary>
public sealed class NoticeDelivery
{
    public Channel Channel { get; set; }
    public NotificationStatus Status { get; set; } = NotificationStatus.Pending;
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    public DateTime? NextAttemptAt { get; set; }
    public DateTime? SentAt { get; set; }
    public string? ProviderMessageId { get; set; }
    public TimeOnly? QuietStart { get; set; }
    public TimeOnly? QuietEnd { get; set; }

    public TimeWindow? QuietWindow => QuietStart is { } start && QuietEnd is { } end ? new TimeWindow(start, end) : null;

    public bool IsFinished => Status is NotificationStatus.Sent or NotificationStatus.Failed or NotificationStatus.DeadLettered or NotificationStatus.Cancelled;
}
