namespace BillForU.Pipeline.Bench;

/// <summary>
/// Real time moved to 10:00 in Seoul on the day the benchmark starts, so a run at night measures sending,
/// not quiet-hour deferral. Timers still run at the real rate.
/// </summary>
public sealed class DaytimeClock : TimeProvider
{
    private readonly TimeSpan _shift;

    public DaytimeClock(TimeZoneInfo zone)
    {
        var now = System.GetUtcNow();
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var tenAm = new DateTimeOffset(local.Date.AddHours(10), local.Offset);
        _shift = tenAm - now;
    }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + _shift;
}
