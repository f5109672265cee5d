using BillForU.Domain.Customers;

namespace BillForU.Admin.Contracts;

/// <summary>A user's preference for one channel; also the body of <c>PUT /api/users/{userId}/preferences/{channel}</c>.</summary>
/// <param name="Priority">1 = primary channel, 2 and 3 = fallbacks.</param>
/// <param name="QuietStart">Local time the user's quiet window starts; null with <paramref name="QuietEnd"/> = the channel's system window.</param>
/// <param name="SendDay">Day of the month (1–28) to send the bill notice on; null = as soon as settled.</param>
public sealed record PreferenceItem(bool Enabled, int Priority, TimeOnly? QuietStart, TimeOnly? QuietEnd, int? SendDay, TimeOnly? SendTime)
{
    public static PreferenceItem Of(NotificationPreference p) =>
        new(p.Enabled, p.Priority, p.QuietWindow?.Start, p.QuietWindow?.End, p.SendDay, p.SendTime);

    public NotificationPreference ToPreference(long userId, Channel channel) => new(
        userId, channel, Enabled, Priority,
        QuietStart is { } start && QuietEnd is { } end ? new TimeWindow(start, end) : null, SendDay, SendTime);

    public void Validate(ApiErrors errors)
    {
        if (Priority is < 1 or > 3)
        {
            errors.Add("priority", "priority must be 1 (primary), 2 or 3 (fallbacks).");
        }
        if (QuietStart.HasValue != QuietEnd.HasValue)
        {
            errors.Add("quietStart", "quietStart and quietEnd go together: give both, or neither for the channel's system window.");
        }
        else if (QuietStart is { } start && start == QuietEnd)
        {
            errors.Add("quietEnd", "The quiet window is empty: quietEnd must differ from quietStart (22:00–08:00 spans midnight).");
        }
        if (SendDay is < 1 or > 28)
        {
            errors.Add("sendDay", "sendDay must be between 1 and 28, a day every month has.");
        }
        if (SendTime is not null && SendDay is null)
        {
            errors.Add("sendTime", "sendTime needs a sendDay.");
        }
    }
}
