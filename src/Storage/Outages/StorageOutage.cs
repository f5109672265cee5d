using Microsoft.Extensions.Logging;

namespace BillForU.Storage.Outages;

/// <summary>
/// Whether the SQL store is in an outage, as told by the loops that wait one out (<see cref="StorageRetry"/>). The outage
/// is on while any of them is failing, so one loop's success does not end it while another still fails. It logs one
/// warning when an outage starts (with its reason) and one when it ends (with its length) — never one per retry.
/// </summary>
public sealed partial class StorageOutage(TimeProvider time, ILogger<StorageOutage> logger)
{
    private readonly Lock _lock = new();
    private readonly HashSet<object> _failing = new(ReferenceEqualityComparer.Instance);
    private DateTimeOffset? _since;
    private string? _reason;
    private volatile bool _on;

    /// <summary>True while some work is waiting for the store.</summary>
    public bool IsOn => _on;

    /// <summary>When the current outage started; null when there is none.</summary>
    public DateTimeOffset? Since
    {
        get
        {
            lock (_lock)
            {
                return _since;
            }
        }
    }

    /// <summary>The last failure's message (no stack trace); null when there is no outage.</summary>
    public string? Reason
    {
        get
        {
            lock (_lock)
            {
                return _reason;
            }
        }
    }

    /// <summary>How long the current outage has lasted so far; zero when there is none.</summary>
    public TimeSpan Elapsed => Since is { } since ? time.GetUtcNow() - since : TimeSpan.Zero;

    /// <param name="caller">The waiting loop (one object per loop): it reports its own success later.</param>
    public void ReportFailure(object caller, Exception failure)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(failure);
        var reason = StorageFaults.Describe(failure);
        var started = false;
        lock (_lock)
        {
            _failing.Add(caller);
            _reason = reason;
            if (_since is null)
            {
                _since = time.GetUtcNow();
                _on = true;
                started = true;
            }
        }
        if (started)
        {
            LogOutageStarted(reason);
        }
    }

    /// <summary>The caller's store call succeeded (or it stopped waiting): it no longer holds the outage open.</summary>
    public void ReportSuccess(object caller)
    {
        if (!_on)
        {
            return;
        }
        TimeSpan? lasted = null;
        lock (_lock)
        {
            if (_failing.Remove(caller) && _failing.Count == 0 && _since is { } since)
            {
                lasted = time.GetUtcNow() - since;
                _since = null;
                _reason = null;
                _on = false;
            }
        }
        if (lasted is { } length)
        {
            LogOutageEnded(length.TotalSeconds);
        }
    }

    [LoggerMessage(2201, LogLevel.Warning, "SQL store outage started; work waits and retries with backoff until it is back. Reason: {Reason}")]
    private partial void LogOutageStarted(string reason);

    [LoggerMessage(2202, LogLevel.Warning, "SQL store outage ended after {Seconds:N1} s; work continues where it stopped")]
    private partial void LogOutageEnded(double seconds);
}
