using BillForU.Domain.Customers;
using BillForU.Domain.Notifications;
using BillForU.Grains.Interfaces.Notifications;

namespace BillForU.Grains.Notifications;

/// <summary>One channel's delivery inside a notification's persisted state.</summary>
[GenerateSerializer, Alias("BillForU.ChannelDelivery")]
public sealed class ChannelDelivery
{
    [Id(0)] public Channel Channel { get; set; }
    [Id(1)] public NotificationStatus Status { get; set; } = NotificationStatus.Pending;
    [Id(2)] public int Attempts { get; set; }
    [Id(3)] public string? LastError { get; set; }
    [Id(4)] public DateTime? NextAttemptAt { get; set; }
    [Id(5)] public DateTime? SentAt { get; set; }
    [Id(6)] public string? ProviderMessageId { get; set; }
    [Id(7)] public TimeOnly? QuietStart { get; set; }
    [Id(8)] public TimeOnly? QuietEnd { get; set; }

    public TimeWindow? QuietWindow => QuietStart is { } start && QuietEnd is { } end ? new TimeWindow(start, end) : null;

    public bool IsFinished => Status is NotificationStatus.Sent or NotificationStatus.Failed or NotificationStatus.DeadLettered or NotificationStatus.Cancelled;

    public DeliverySnapshot ToSnapshot() => new(Channel, Status, Attempts, LastError, NextAttemptAt, SentAt, ProviderMessageId);
}
