using System.Data.Common;
using System.Diagnostics.Metrics;
using BillForU.Domain.Notifications;
using BillForU.Storage;
using BillForU.Storage.Notifications;

namespace BillForU.Admin.Metrics;

/// <summary>
/// The dead-letter queue's size (meter <c>BillForU.Admin</c>, gauge <c>billforu.notifications.dlq.size</c>): the
/// dead-lettered notices in the delivery store, the whole cluster's in cluster mode, from the counters the delivery log
/// maintains. Read at most once per <see cref="MaxAge"/>: a scrape reports the last count and, when it has aged, starts
/// the next read in the background, so a scrape never waits on SQL and frequent scrapers cannot pile queries up.
/// </summary>
public sealed partial class DeadLetterGauge : IDisposable
{
    public const string MeterName = "BillForU.Admin";

    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);

    private readonly Meter _meter = new(MeterName);
    private readonly CancellationTokenSource _disposed = new();
    private readonly Lock _lock = new();
    private readonly IDeliveryStore _deliveries;
    private readonly TimeProvider _time;
    private readonly ILogger<DeadLetterGauge> _logger;
    private long? _count;
    private DateTimeOffset _countedAt;
    private Task _counting = Task.CompletedTask;
    private int _disposeCalls;

    public DeadLetterGauge(IDeliveryStore deliveries, TimeProvider time, ILogger<DeadLetterGauge> logger)
    {
        (_deliveries, _time, _logger) = (deliveries, time, logger);
        _meter.CreateObservableGauge(
            "billforu.notifications.dlq.size", Observe, "{notice}",
            $"Notices dead-lettered on every channel, as the delivery store counts them (at most {MaxAge.TotalSeconds:0} s old).");
    }

    private IEnumerable<Measurement<long>> Observe()
    {
        lock (_lock)
        {
            if (_counting.IsCompleted && (_count is null || _time.GetUtcNow() - _countedAt >= MaxAge))
            {
                _counting = Task.Run(CountAsync);
            }
            // Until the first count is in, no value rather than a made-up zero.
            return _count is { } count ? [new Measurement<long>(count)] : [];
        }
    }

    private async Task CountAsync()
    {
        try
        {
            var count = (await _deliveries.CountByStatusAsync(_disposed.Token)).Where(c => c.Status == NotificationStatus.DeadLettered).Sum(c => c.Count);
            lock (_lock)
            {
                (_count, _countedAt) = (count, _time.GetUtcNow());
            }
        }
        catch (Exception e) when (e is StorageUnavailableException or DbException)
        {
            // The last count stays: a scrape during an outage shows the value from before it, and the log says why.
            LogCountFailed(e);
        }
        catch (OperationCanceledException) when (_disposed.IsCancellationRequested)
        {
        }
    }

    /// <summary>Both the meter provider (which holds the gauge as instrumentation) and the container dispose it.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposeCalls, 1) != 0)
        {
            return;
        }
        _disposed.Cancel();
        _meter.Dispose();
        _disposed.Dispose();
    }

    [LoggerMessage(3003, LogLevel.Warning, "Counting the dead letters for the metrics failed; the last count is reported until the next try")]
    private partial void LogCountFailed(Exception exception);
}
