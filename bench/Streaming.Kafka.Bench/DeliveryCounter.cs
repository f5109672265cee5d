namespace BillForU.Streaming.Kafka.Bench;

/// <summary>
/// Counts deliveries and paces the producer: a window of events may be published but not yet
/// delivered. The window keeps the mock broker's ~5 MiB per partition retention and the memory
/// stream queues' 16,384-message limit from being outrun, the same way for every provider.
/// </summary>
public sealed class DeliveryCounter
{
    private readonly SemaphoreSlim _window;
    private readonly SemaphoreSlim _reserving = new(1, 1);
    private readonly int _windowSize;
    private long _delivered;
    private long _target = long.MaxValue;
    private TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public DeliveryCounter(int window)
    {
        _windowSize = window;
        _window = new SemaphoreSlim(window, window);
    }

    public long Count => Interlocked.Read(ref _delivered);

    public void Delivered()
    {
        // A redelivered event was not reserved twice: never grow the window past its size.
        if (_window.CurrentCount < _windowSize)
        {
            _window.Release();
        }

        if (Interlocked.Increment(ref _delivered) == Interlocked.Read(ref _target))
        {
            _reached.TrySetResult();
        }
    }

    /// <summary>Waits for room in the window before publishing <paramref name="events"/> events.</summary>
    public async Task ReserveAsync(int events, CancellationToken cancellationToken)
    {
        // One reservation at a time: publishers each holding part of a batch's room would starve all.
        await _reserving.WaitAsync(cancellationToken);
        try
        {
            for (var i = 0; i < events; i++)
            {
                await _window.WaitAsync(cancellationToken);
            }
        }
        finally
        {
            _reserving.Release();
        }
    }

    /// <summary>Starts counting towards <paramref name="target"/> deliveries from zero.</summary>
    public Task Expect(long target)
    {
        Interlocked.Exchange(ref _delivered, 0);
        _reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Interlocked.Exchange(ref _target, target);
        return _reached.Task;
    }
}
