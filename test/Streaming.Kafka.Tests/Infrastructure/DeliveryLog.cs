using System.Collections.Concurrent;

namespace BillForU.Streaming.Kafka.Tests.Infrastructure;

/// <summary>
/// What the probe consumers received, per stream: first deliveries must come in sequence order
/// with no gap; repeats are counted as duplicates.
/// </summary>
public sealed class DeliveryLog
{
    private readonly ConcurrentDictionary<long, StreamDeliveries> _streams = new();
    private readonly ConcurrentDictionary<(long Stream, int Sequence), bool> _markedRedeliveries = new();
    private long _distinct;
    private long _duplicates;
    private long _outOfOrder;
    private long _failures;

    public long Distinct => Interlocked.Read(ref _distinct);

    public long Duplicates => Interlocked.Read(ref _duplicates);

    public long OutOfOrder => Interlocked.Read(ref _outOfOrder);

    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>Deliveries the provider marked as possible repeats (<see cref="ProbeCluster.RedeliveryContextKey"/>).</summary>
    public IReadOnlyCollection<(long Stream, int Sequence)> MarkedRedeliveries => _markedRedeliveries.Keys.ToArray();

    public void Record(ProbeEvent item, bool markedAsPossibleRepeat = false)
    {
        if (markedAsPossibleRepeat)
        {
            _markedRedeliveries[(item.Stream, item.Sequence)] = true;
        }

        var stream = _streams.GetOrAdd(item.Stream, _ => new StreamDeliveries());
        lock (stream)
        {
            if (!stream.Seen.Add(item.Sequence))
            {
                Interlocked.Increment(ref _duplicates);
                return;
            }

            if (item.Sequence != stream.NextExpected)
            {
                Interlocked.Increment(ref _outOfOrder);
            }

            stream.NextExpected = Math.Max(stream.NextExpected, item.Sequence + 1);
            Interlocked.Increment(ref _distinct);
        }
    }

    public void RecordFailure(ProbeEvent item) => Interlocked.Increment(ref _failures);

    public bool Contains(long stream, int sequence)
    {
        if (!_streams.TryGetValue(stream, out var deliveries))
        {
            return false;
        }

        lock (deliveries)
        {
            return deliveries.Seen.Contains(sequence);
        }
    }

    /// <summary>The events of <paramref name="expected"/> not received, at most <paramref name="limit"/>, for failure messages.</summary>
    public IReadOnlyList<string> Missing(IEnumerable<(long Stream, int Sequence)> expected, int limit = 10) =>
        expected.Where(e => !Contains(e.Stream, e.Sequence)).Take(limit).Select(e => $"{e.Stream}/{e.Sequence}").ToList();

    private sealed class StreamDeliveries
    {
        public HashSet<int> Seen { get; } = [];

        public int NextExpected { get; set; }
    }
}
