using System.Diagnostics.Metrics;
using BillForU.Domain.Customers;
using BillForU.Domain.Notifications;

namespace BillForU.Grains.Notifications;

/// <summary>
/// What this silo's notification grains did, as OpenTelemetry-ready counters (meter <c>BillForU.Notifications</c>)
/// and as running totals a caller in the same process can wait on.
/// </summary>
public sealed class NotificationMetrics : IDisposable
{
    public const string MeterName = "BillForU.Notifications";

    private readonly Meter _meter = new(MeterName);
    private readonly Counter<long> _outcomes;
    private readonly Counter<long> _accepted;
    private readonly Counter<long> _throttled;
    private long _throttledTotal;
    private long _acceptedTotal;
    private long _duplicatesTotal;
    private long _inFlight;
    private long _fallbacks;
    private readonly long[] _byStatus = new long[Enum.GetValues<NotificationStatus>().Max(s => (int)s) + 1];

    public NotificationMetrics()
    {
        _outcomes = _meter.CreateCounter<long>("billforu.notifications.outcomes", description: "Delivery steps by channel and resulting status.");
        _accepted = _meter.CreateCounter<long>("billforu.notifications.accepted", description: "Bill events taken by notification grains.");
        _throttled = _meter.CreateCounter<long>("billforu.notifications.throttled", description: "Sends that waited out their time in a channel's rate-limit queue and were put back, not counted as attempts.");
        _meter.CreateObservableGauge("billforu.notifications.in_flight", () => Interlocked.Read(ref _inFlight), description: "Sends under way.");
    }

    public long Accepted => Interlocked.Read(ref _acceptedTotal);

    public long Duplicates => Interlocked.Read(ref _duplicatesTotal);

    public long InFlight => Interlocked.Read(ref _inFlight);

    public long Fallbacks => Interlocked.Read(ref _fallbacks);

    public long ThrottledSends => Interlocked.Read(ref _throttledTotal);

    public long Count(NotificationStatus status) => Interlocked.Read(ref _byStatus[(int)status]);

    public void EventAccepted(bool duplicate)
    {
        Interlocked.Increment(ref duplicate ? ref _duplicatesTotal : ref _acceptedTotal);
        _accepted.Add(1, new KeyValuePair<string, object?>("duplicate", duplicate));
    }

    public void Outcome(Channel channel, NotificationStatus status)
    {
        Interlocked.Increment(ref _byStatus[(int)status]);
        _outcomes.Add(1, new("channel", channel.ToString()), new("status", status.ToString()));
    }

    public void Throttled(Channel channel)
    {
        Interlocked.Increment(ref _throttledTotal);
        _throttled.Add(1, new KeyValuePair<string, object?>("channel", channel.ToString()));
    }

    public void FellBack() => Interlocked.Increment(ref _fallbacks);

    public void SendStarted() => Interlocked.Increment(ref _inFlight);

    public void SendEnded() => Interlocked.Decrement(ref _inFlight);

    public void Dispose() => _meter.Dispose();
}
