using System.Threading.Channels;
using BillForU.Storage.Notifications;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BillForU.Grains.Notifications;

/// <summary>
/// Collects delivery states and attempts from every notification grain of the silo and writes them in
/// batches — one bulk upsert and one bulk insert per batch, never a statement per send on the hot path.
/// </summary>
public sealed partial class DeliveryLogWriter(IDeliveryStore store, IOptions<NotificationOptions> options, ILogger<DeliveryLogWriter> logger) : BackgroundService
{
    private const int MaxBatch = 5_000;
    private static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(200);

    private readonly Channel<(DeliveryState State, DeliveryAttempt? Attempt, long Sequence)> _queue =
        Channel.CreateUnbounded<(DeliveryState, DeliveryAttempt?, long)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _order = new();
    private readonly List<(long Sequence, TaskCompletionSource Written)> _waiters = [];
    private long _pending;
    private long _recorded;
    private long _written;

    /// <summary>Records written or queued but not yet flushed, for callers that wait for the log to settle.</summary>
    public long Pending => Interlocked.Read(ref _pending);

    // Numbering records takes a lock every grain of the silo contends for; only acknowledging after the log needs it.
    private readonly bool _numbered = options.Value.AcknowledgeAfterLogWritten;

    public void Record(DeliveryState state, DeliveryAttempt? attempt)
    {
        Interlocked.Increment(ref _pending);
        if (!_numbered)
        {
            _queue.Writer.TryWrite((state, attempt, 0));
            return;
        }
        // Sequence numbers enter the queue in order, so "written up to n" means every record up to n.
        lock (_order)
        {
            _queue.Writer.TryWrite((state, attempt, ++_recorded));
        }
    }

    /// <summary>
    /// Completes once every record made so far (by any grain of this silo) is in the database. Only with
    /// <see cref="NotificationOptions.AcknowledgeAfterLogWritten"/>, which has records numbered.
    /// </summary>
    public Task WhenWrittenAsync()
    {
        if (!_numbered)
        {
            throw new InvalidOperationException($"The delivery log numbers its records only with {nameof(NotificationOptions.AcknowledgeAfterLogWritten)}.");
        }
        lock (_order)
        {
            if (_recorded <= _written)
            {
                return Task.CompletedTask;
            }
            var written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((_recorded, written));
            return written.Task;
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var states = new Dictionary<(long, Domain.Customers.Channel), DeliveryState>();
        var attempts = new List<DeliveryAttempt>();
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync(CancellationToken.None))
        {
            var taken = 0;
            long last = 0;
            var deadline = DateTime.UtcNow + FlushInterval;
            while (taken < MaxBatch)
            {
                if (reader.TryRead(out var item))
                {
                    // Only the newest state of a (bill, channel) matters; every attempt is kept.
                    states[(item.State.BillId, item.State.Channel)] = item.State;
                    if (item.Attempt is not null)
                    {
                        attempts.Add(item.Attempt);
                    }
                    last = item.Sequence;
                    taken++;
                }
                else if (DateTime.UtcNow >= deadline || reader.Completion.IsCompleted)
                {
                    break;
                }
                else
                {
                    await Task.Delay(10, CancellationToken.None);
                }
            }
            await FlushAsync(states, attempts);
            Interlocked.Add(ref _pending, -taken);
            ReleaseWaiters(last);
        }
    }

    private void ReleaseWaiters(long written)
    {
        List<TaskCompletionSource>? released = null;
        lock (_order)
        {
            _written = Math.Max(_written, written);
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Sequence <= _written)
                {
                    (released ??= []).Add(_waiters[i].Written);
                    _waiters.RemoveAt(i);
                }
            }
        }
        released?.ForEach(w => w.TrySetResult());
    }

    private async Task FlushAsync(Dictionary<(long, Domain.Customers.Channel), DeliveryState> states, List<DeliveryAttempt> attempts)
    {
        // The log is the backstop of in-memory grain state and the source of the dashboard: a failed flush
        // is retried rather than dropped.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (states.Count > 0)
                {
                    await store.UpsertStatesAsync(states.Values.ToList(), CancellationToken.None);
                }
                if (attempts.Count > 0)
                {
                    await store.AppendAttemptsAsync(attempts, CancellationToken.None);
                }
                states.Clear();
                attempts.Clear();
                return;
            }
            catch (Exception e) when (attempt < 10)
            {
                LogFlushFailed(e, states.Count, attempts.Count, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), CancellationToken.None);
            }
        }
    }

    [LoggerMessage(2101, LogLevel.Warning, "Writing {States} delivery states and {Attempts} attempts failed (try {Try}); retrying")]
    private partial void LogFlushFailed(Exception exception, int states, int attempts, int @try);
}
