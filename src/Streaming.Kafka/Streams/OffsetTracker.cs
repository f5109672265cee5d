namespace BillForU.Streaming.Kafka.Streams;

/// <summary>
/// Tracks the offsets of one partition from the moment they are handed to Orleans until they are
/// done (released by the cache, dead-lettered or handed to the failover topic), and yields the
/// position that is safe to commit: one past the highest offset below which everything is done.
/// Committing anything higher would lose the undone offsets below it on a restart.
/// </summary>
internal sealed class OffsetTracker
{
    private readonly Lock _lock = new();
    private readonly Queue<long> _pending = new();
    private readonly HashSet<long> _done = [];
    private long _lastContiguous = -1;

    public void Taken(long offset)
    {
        lock (_lock)
        {
            _pending.Enqueue(offset);
        }
    }

    public void Done(long offset)
    {
        lock (_lock)
        {
            _done.Add(offset);
        }
    }

    /// <summary>The offset to commit, or null while nothing new is complete.</summary>
    public long? CommitPosition()
    {
        lock (_lock)
        {
            while (_pending.TryPeek(out var head) && _done.Remove(head))
            {
                _pending.Dequeue();
                _lastContiguous = head;
            }

            return _lastContiguous < 0 ? null : _lastContiguous + 1;
        }
    }

    /// <summary>Offsets taken but not yet done.</summary>
    public int InFlight
    {
        get
        {
            lock (_lock)
            {
                return _pending.Count;
            }
        }
    }
}
