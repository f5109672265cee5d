using BillForU.Domain.Notifications;
using BillForU.Grains.Interfaces.Billing;

namespace BillForU.Grains.Notifications;

/// <summary>A bill notice's persisted state: its event and its lifecycle.</summary>
[GenerateSerializer, Alias("BillForU.NotificationState")]
public sealed class NotificationState
{
    [Id(0)] public BillEvent? Event { get; set; }
    [Id(1)] public Notice Notice { get; set; } = new();

    /// <summary>Whether a wake-up reminder is registered, so finishing need not look one up.</summary>
    [Id(3)] public bool HasReminder { get; set; }
}
