using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Orleans.Providers.Streams.Common;
using Orleans.Streams;

namespace BillForU.Streaming.Kafka.Streams;

/// <summary>
/// The Orleans side of one Kafka partition: hands buffered records to the pulling agent, and commits
/// only the highest contiguous offset that is done — released by the cache after every consumer
/// got it, or handed to the failover or dead-letter topic.
/// </summary>
internal sealed partial class KafkaQueueReceiver : IQueueAdapterReceiver
{
    private readonly QueueId _queueId;
    private readonly KafkaQueueRoute _route;
    private readonly KafkaPartitionReader _reader;
    private readonly KafkaHandOff _handOff;
    private readonly KafkaReceiverRegistry _registry;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly OffsetTracker _tracker = new();
    private readonly ConcurrentDictionary<long, KafkaInboundMessage> _inFlight = new();
    private readonly CancellationTokenSource _shutdown = new();

    public KafkaQueueReceiver(
        QueueId queueId,
        KafkaQueueRoute route,
        KafkaPartitionReader reader,
        KafkaHandOff handOff,
        KafkaReceiverRegistry registry,
        TimeProvider timeProvider,
        ILogger<KafkaQueueReceiver> logger)
    {
        _queueId = queueId;
        _route = route;
        _reader = reader;
        _handOff = handOff;
        _registry = registry;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public KafkaQueueRoute Route => _route;

    public Task Initialize(TimeSpan timeout) => Initialize(timeout, CancellationToken.None);

    public async Task Initialize(TimeSpan timeout, CancellationToken cancellationToken)
    {
        _registry.Register(_queueId, this);
        _reader.Start();
        try
        {
            await _reader.Assigned.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            // The reader keeps trying on its own thread; the agent pumps an empty queue meanwhile.
            LogSlowStart(_route.Topic, _route.Partition, timeout);
        }
    }

    public Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount) => GetQueueMessagesAsync(maxCount, CancellationToken.None);

    public async Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount, CancellationToken cancellationToken)
    {
        var limit = maxCount > 0 ? maxCount : int.MaxValue;
        var batch = new List<IBatchContainer>();
        var now = _timeProvider.GetUtcNow();
        while (batch.Count < limit && _reader.TryPeek(out var next) && next is not null)
        {
            // Failover records wait for their backoff; they are in time order, so the head decides.
            if (_route.IsFailover && next.NotBefore > now)
            {
                break;
            }

            _reader.TryTake(out _);
            _tracker.Taken(next.Offset);
            if (next.Container is { } container)
            {
                _inFlight[next.Offset] = next;
                batch.Add(container);
            }
            else
            {
                await _handOff.ToDeadLetterAsync(next, _route, next.PoisonReason ?? "unreadable record", _shutdown.Token);
                Complete(next.Offset);
            }
        }

        return batch;
    }

    public Task MessagesDeliveredAsync(IList<IBatchContainer> messages) => MessagesDeliveredAsync(messages, CancellationToken.None);

    public Task MessagesDeliveredAsync(IList<IBatchContainer> messages, CancellationToken cancellationToken)
    {
        foreach (var message in messages)
        {
            var offset = ((KafkaBatchContainer)message).Offset;
            _inFlight.TryRemove(offset, out _);
            _tracker.Done(offset);
        }

        StoreCommitPosition();
        return Task.CompletedTask;
    }

    /// <summary>
    /// Called by the failure handler once the pulling agent gave up delivering a batch: the batch
    /// goes to the failover topic (or the dead-letter topic after its last round) and its offset
    /// counts as done, because the cache never releases a batch whose delivery failed.
    /// </summary>
    public async Task HandOffFailedDeliveryAsync(StreamId streamId, StreamSequenceToken? token)
    {
        if (token is not EventSequenceTokenV2 sequence || !_inFlight.TryGetValue(sequence.SequenceNumber, out var message))
        {
            LogHandOffUnknown(streamId, token?.ToString());
            return;
        }

        // Several subscribers of one stream may fail on the same record: hand it over once.
        lock (message)
        {
            if (message.HandedOff)
            {
                return;
            }

            message.HandedOff = true;
        }

        await _handOff.ToFailoverOrDeadLetterAsync(message, _route, _shutdown.Token);
        _inFlight.TryRemove(message.Offset, out _);
        Complete(message.Offset);
    }

    public Task Shutdown(TimeSpan timeout) => Shutdown(timeout, CancellationToken.None);

    public async Task Shutdown(TimeSpan timeout, CancellationToken cancellationToken)
    {
        _registry.Unregister(_queueId, this);
        await _shutdown.CancelAsync();
        await _reader.StopAsync(timeout, cancellationToken);
        _reader.Dispose();
        _shutdown.Dispose();
    }

    /// <summary>Stops reading without waiting, when the host is torn down without a queue shutdown.</summary>
    public void Abort()
    {
        _reader.Dispose();
    }

    private void Complete(long offset)
    {
        _tracker.Done(offset);
        StoreCommitPosition();
    }

    private void StoreCommitPosition()
    {
        if (_tracker.CommitPosition() is { } position)
        {
            _reader.StorePosition(position);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kafka {Topic}[{Partition}] not assigned within {Timeout}; still trying")]
    private partial void LogSlowStart(string topic, int partition, TimeSpan timeout);

    [LoggerMessage(
        Level = LogLevel.Error,
        Message = "Failed delivery on stream {StreamId} at {Token} is no longer in flight; it will be re-read from the last committed offset")]
    private partial void LogHandOffUnknown(StreamId streamId, string? token);
}
