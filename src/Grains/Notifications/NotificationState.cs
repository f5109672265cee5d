using BillForU.Grains.Interfaces.Billing;

namespace BillForU.Grains.Notifications;

/// <summary>A bill notice's persisted state: its event, and a delivery per planned channel (primary first).</summary>
[GenerateSerializer, Alias("BillForU.NotificationState")]
public sealed class NotificationState
{
    [Id(0)] public BillEvent? Event { get; set; }
    [Id(1)] public List<ChannelDelivery> Deliveries { get; set; } = [];
    [Id(2)] public int Current { get; set; }

    /// <summary>Whether a wake-up reminder is registered, so finishing need not look one up.</summary>
    [Id(3)] public bool HasReminder { get; set; }

    /// <summary>The user has disabled every channel: the notice is dead-lettered, and a replay sends only once a channel is enabled again.</summary>
    [Id(4)] public bool NoUsableChannel { get; set; }
}
