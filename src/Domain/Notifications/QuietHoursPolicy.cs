using BillForU.Domain.Customers;

namespace BillForU.Domain.Notifications;

/// <summary>
/// Whether a send may go now, and if not, when: a send inside the quiet window waits until the window's
/// end on the same night — 01:00 inside 22:00–08:00 goes at 08:00 that morning; 23:00 goes at 08:00 the next morning.
/// </summary>
public static class QuietHoursPolicy
{
    /// <summary>The user's own window for the channel wins; else the channel's system window when enabled; else none.</summary>
    public static TimeWindow? EffectiveWindow(TimeWindow? userWindow, MessagePolicy? systemPolicy) =>
        userWindow ?? (systemPolicy is { QuietEnabled: true } policy ? policy.QuietWindow : null);

    /// <returns>Null when <paramref name="nowUtc"/> is outside the window; otherwise the UTC instant the window ends.</returns>
    public static DateTimeOffset? DeferUntil(DateTimeOffset nowUtc, TimeWindow? window, TimeZoneInfo zone)
    {
        if (window is null || window.Start == window.End)
        {
            return null;
        }
        var local = TimeZoneInfo.ConvertTime(nowUtc, zone);
        var time = TimeOnly.FromDateTime(local.DateTime);
        if (!window.Contains(time))
        {
            return null;
        }
        var endDay = DateOnly.FromDateTime(local.DateTime);
        if (window.SpansMidnight && time >= window.Start)
        {
            endDay = endDay.AddDays(1);
        }
        var endLocal = endDay.ToDateTime(window.End, DateTimeKind.Unspecified);
        return new DateTimeOffset(endLocal, zone.GetUtcOffset(endLocal)).ToUniversalTime();
    }
}
