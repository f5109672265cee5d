namespace BillForU.Pipeline.Bench;

/// <summary>
/// Real time moved back to the latest given hour in a zone (10:00 in Seoul measures sending; 23:00 measures quiet-hour
/// deferral), whatever the hour here. Timers still run at the real rate. Never moved ahead: Orleans takes this clock
/// too, and a silo whose generation (stamped from the real clock) is older than the minimum membership computes from a
/// clock ahead of it is declared dead.
/// </summary>
public sealed class LocalHourClock : TimeProvider
{
    private readonly TimeSpan _shift;

    public LocalHourClock(TimeZoneInfo zone, int hour)
    {
        var now = System.GetUtcNow();
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var atHour = new DateTimeOffset(local.Date.AddHours(hour), local.Offset);
        _shift = (atHour <= now ? atHour : atHour.AddDays(-1)) - now;
    }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + _shift;
}
