namespace BillForU.Pipeline.Bench;

/// <summary>
/// Real time moved back to the latest 10:00 in Seoul, so a run at night measures sending, not quiet-hour deferral.
/// Timers still run at the real rate. Never moved ahead: Orleans takes this clock too, and a silo whose generation
/// (stamped from the real clock) is older than the minimum membership computes from a clock ahead of it is declared dead.
/// </summary>
public sealed class DaytimeClock : TimeProvider
{
    private readonly TimeSpan _shift;

    public DaytimeClock(TimeZoneInfo zone)
    {
        var now = System.GetUtcNow();
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var tenAm = new DateTimeOffset(local.Date.AddHours(10), local.Offset);
        _shift = (tenAm <= now ? tenAm : tenAm.AddDays(-1)) - now;
    }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + _shift;
}
