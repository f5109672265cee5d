using BillForU.Domain.Customers;

namespace BillForU.Domain.Notifications;

/// <summary>The channels a bill notice tries in order: the primary, then the fallback when the primary fails for good.</summary>
public sealed record ChannelPlan(IReadOnlyList<Channel> Channels)
{
    public static ChannelPlan None { get; } = new([]);

    /// <summary>
    /// Primary: the enabled preference with priority 1 (else the best enabled one; no preference at all → EMAIL).
    /// Fallback: the enabled priority-2 preference, else SMS unless the user disabled it. Disabled channels are never used.
    /// </summary>
    public static ChannelPlan For(IReadOnlyList<NotificationPreference> preferences)
    {
        var disabled = preferences.Where(p => !p.Enabled).Select(p => p.Channel).ToHashSet();
        var enabled = preferences.Where(p => p.Enabled).OrderBy(p => p.Priority).ThenBy(p => p.Channel).ToList();
        Channel? primary = enabled.Count > 0 ? enabled[0].Channel : disabled.Contains(Channel.Email) ? null : Channel.Email;
        if (primary is null)
        {
            return None;
        }
        Channel? fallback = enabled.Skip(1).Select(p => (Channel?)p.Channel).FirstOrDefault()
            ?? (primary != Channel.Sms && !disabled.Contains(Channel.Sms) ? Channel.Sms : null);
        return new ChannelPlan(fallback is null ? [primary.Value] : [primary.Value, fallback.Value]);
    }
}
