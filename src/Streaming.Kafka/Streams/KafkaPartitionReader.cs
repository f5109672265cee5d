using System.Collections.Concurrent;
using BillForU.Streaming.Kafka.Clients;
using BillForU.Streaming.Kafka.Diagnostics;
using Confluent.Kafka;
using ErrorCode = Confluent.Kafka.ErrorCode;
using Microsoft.Extensions.Logging;
using Orleans.Serialization;

namespace BillForU.Streaming.Kafka.Streams;

/// <summary>
/// Reads one Kafka partition on a dedicated thread into a buffer bounded by messages and by bytes. The blocking
/// <c>Consume</c> must stay off the pulling agent's single-threaded scheduler; the bounds keep memory flat when
/// Orleans delivers slower than Kafka serves (records left unread wait in Kafka, not decoded in this process).
/// The partition is assigned manually because Orleans' queue balancer, not Kafka's group rebalancing, decides
/// ownership; reading resumes from the consumer group's committed offset.
/// </summary>
internal sealed partial class KafkaPartitionReader : IDisposable
{
    private static readonly TimeSpan BrokerRequestTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    private readonly ConsumerConfig _config;
    private readonly TopicPartition _partition;
    private readonly Serializer<KafkaBatchContainer> _serializer;
    private readonly string _providerName;
    private readonly string? _redeliveryContextKey;
    private readonly ILogger _logger;
    private readonly ConcurrentQueue<KafkaInboundMessage> _buffer = new();
    private readonly SemaphoreSlim _free;
    private readonly long _maxBufferedBytes;
    private readonly ManualResetEventSlim _bytesTaken = new(initialState: false);
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _assigned = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _consumerLock = new();
    private IConsumer<byte[], byte[]>? _consumer;
    private long _storedPosition = -1;
    private long _bufferedBytes;

    // Touched by the reader thread only.
    private long _expectedNext = -1;

    // The partition's end when this reader took it: records below may have been delivered by a previous owner.
    private long _firstUnseen;

    public KafkaPartitionReader(
        ConsumerConfig config,
        TopicPartition partition,
        int bufferSize,
        long bufferBytes,
        Serializer<KafkaBatchContainer> serializer,
        string providerName,
        string? redeliveryContextKey,
        ILogger logger)
    {
        _config = config;
        _partition = partition;
        _serializer = serializer;
        _providerName = providerName;
        _redeliveryContextKey = redeliveryContextKey;
        _logger = logger;
        _free = new SemaphoreSlim(bufferSize, bufferSize);
        _maxBufferedBytes = bufferBytes;
    }

    /// <summary>Completes once the partition is assigned at its committed offset.</summary>
    public Task Assigned => _assigned.Task;

    /// <summary>Bytes of the records read and not yet taken.</summary>
    public long BufferedBytes => Interlocked.Read(ref _bufferedBytes);

    public void Start()
    {
        var thread = new Thread(Run)
        {
            IsBackground = true,
            Name = $"kafka-reader-{_partition.Topic}-{_partition.Partition.Value}",
        };
        thread.Start();
    }

    public bool TryPeek(out KafkaInboundMessage? message) => _buffer.TryPeek(out message);

    public bool TryTake(out KafkaInboundMessage? message)
    {
        if (!_buffer.TryDequeue(out message))
        {
            return false;
        }

        _free.Release();
        Interlocked.Add(ref _bufferedBytes, -SizeOf(message!));
        _bytesTaken.Set();
        return true;
    }

    /// <summary>Stores the offset to commit; the consumer commits stored offsets in the background.</summary>
    public void StorePosition(long position)
    {
        lock (_consumerLock)
        {
            if (_consumer is null || position <= _storedPosition)
            {
                return;
            }

            try
            {
                _consumer.StoreOffset(new TopicPartitionOffset(_partition, position));
                _storedPosition = position;
            }
            catch (KafkaException exception)
            {
                // Happens between an out-of-range reset and its seek; the next delivery stores again.
                LogStoreFailed(_partition.Topic, _partition.Partition.Value, position, exception.Error.Reason);
            }
        }
    }

    public async Task StopAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        await _stop.CancelAsync();
        try
        {
            await _stopped.Task.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            LogStopTimedOut(_partition.Topic, _partition.Partition.Value, timeout);
        }
    }

    /// <summary>Asks the reader thread to stop; it closes its consumer on the way out.</summary>
    public void Dispose()
    {
        _stop.Cancel();
        if (_stopped.Task.IsCompleted)
        {
            // The thread no longer waits on these; a reader still running cleans up when its thread ends.
            _stop.Dispose();
            _free.Dispose();
            _bytesTaken.Dispose();
        }
    }

    private void Run()
    {
        var token = _stop.Token;
        IConsumer<byte[], byte[]>? consumer = null;
        try
        {
            consumer = new ConsumerBuilder<byte[], byte[]>(_config)
                .SetErrorHandler((_, error) => LogClientError(_partition.Topic, _partition.Partition.Value, error.Code, error.Reason))
                .SetLogHandler((_, message) => LogClientMessage(message.ToLogLevel(), message.Facility, message.Message))
                .Build();
            lock (_consumerLock)
            {
                _consumer = consumer;
            }

            if (!AssignFromCommitted(consumer, token))
            {
                return;
            }

            _assigned.TrySetResult();
            while (!token.IsCancellationRequested)
            {
                _free.Wait(token);
                WaitForByteRoom(token);
                ReadOne(consumer, token);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Stopping.
        }
        catch (Exception exception)
        {
            // Nothing else can observe this thread: log it, and let Initialize see it.
            LogReaderFailed(exception, _partition.Topic, _partition.Partition.Value);
            _assigned.TrySetException(exception);
        }
        finally
        {
            Close(consumer);
            _assigned.TrySetCanceled(CancellationToken.None);
            _stopped.TrySetResult();
        }
    }

    private void ReadOne(IConsumer<byte[], byte[]> consumer, CancellationToken token)
    {
        try
        {
            var record = consumer.Consume(token);
            if (record?.Message is null)
            {
                _free.Release();
                return;
            }

            var message = KafkaMessageCodec.Decode(record, _serializer);
            if (_redeliveryContextKey is not null)
            {
                message.Container?.TrackRedeliveries(_redeliveryContextKey, message.Attempt > 0 || message.Offset < _firstUnseen);
            }

            Interlocked.Add(ref _bufferedBytes, SizeOf(message));
            _buffer.Enqueue(message);
            _expectedNext = record.Offset.Value + 1;
        }
        catch (ConsumeException exception) when (exception.Error.Code == ErrorCode.Local_AutoOffsetReset)
        {
            _free.Release();
            RecoverFromOutOfRange(consumer, token);
        }
        catch (ConsumeException exception)
        {
            _free.Release();
            LogClientError(_partition.Topic, _partition.Partition.Value, exception.Error.Code, exception.Error.Reason);
        }
        catch (OperationCanceledException)
        {
            _free.Release();
            throw;
        }
    }

    private static long SizeOf(KafkaInboundMessage message) => (message.Key?.Length ?? 0) + (message.Value?.Length ?? 0);

    /// <summary>Blocks while the buffer holds its byte budget; an empty buffer always has room, for a record of any size.</summary>
    private void WaitForByteRoom(CancellationToken token)
    {
        while (Interlocked.Read(ref _bufferedBytes) >= _maxBufferedBytes)
        {
            _bytesTaken.Reset();
            // Re-read after the reset: a take between the first read and the reset would otherwise be missed.
            if (Interlocked.Read(ref _bufferedBytes) < _maxBufferedBytes)
            {
                return;
            }

            _bytesTaken.Wait(token);
        }
    }

    private bool AssignFromCommitted(IConsumer<byte[], byte[]> consumer, CancellationToken token)
    {
        while (!token.IsCancellationRequested)
        {
            try
            {
                var committed = consumer.Committed([_partition], BrokerRequestTimeout)[0].Offset;
                // Read before the assignment: whatever a previous owner could have delivered is below this end.
                _firstUnseen = _redeliveryContextKey is null ? 0 : consumer.QueryWatermarkOffsets(_partition, BrokerRequestTimeout).High.Value;
                var start = committed == Offset.Unset ? Offset.Beginning : committed;
                consumer.Assign(new TopicPartitionOffset(_partition, start));
                _expectedNext = start.IsSpecial ? -1 : start.Value;
                LogAssigned(_providerName, _partition.Topic, _partition.Partition.Value, start.ToString());
                return true;
            }
            catch (KafkaException exception)
            {
                // The broker may be down at start; the agent keeps pumping, so keep trying until stopped.
                LogAssignRetry(_partition.Topic, _partition.Partition.Value, exception.Error.Reason);
                token.WaitHandle.WaitOne(RetryDelay);
            }
        }

        return false;
    }

    private void RecoverFromOutOfRange(IConsumer<byte[], byte[]> consumer, CancellationToken token)
    {
        while (!token.IsCancellationRequested)
        {
            try
            {
                var watermarks = consumer.QueryWatermarkOffsets(_partition, BrokerRequestTimeout);
                var (resumeAt, skipped) = OutOfRangeResume.Compute(_expectedNext, watermarks.Low.Value, watermarks.High.Value);
                LogOffsetsSkipped(_providerName, _partition.Topic, _partition.Partition.Value, _expectedNext, resumeAt, skipped);
                KafkaStreamMetrics.OffsetsSkipped.Add(
                    skipped,
                    new KeyValuePair<string, object?>("provider", _providerName),
                    new KeyValuePair<string, object?>("topic", _partition.Topic),
                    new KeyValuePair<string, object?>("partition", _partition.Partition.Value));
                consumer.Seek(new TopicPartitionOffset(_partition, resumeAt));
                _expectedNext = resumeAt;
                return;
            }
            catch (KafkaException exception)
            {
                LogAssignRetry(_partition.Topic, _partition.Partition.Value, exception.Error.Reason);
                token.WaitHandle.WaitOne(RetryDelay);
            }
        }
    }

    private void Close(IConsumer<byte[], byte[]>? consumer)
    {
        if (consumer is null)
        {
            return;
        }

        lock (_consumerLock)
        {
            _consumer = null;
        }

        try
        {
            // Commit what was stored explicitly: the next owner resumes here.
            if (_storedPosition >= 0)
            {
                consumer.Commit([new TopicPartitionOffset(_partition, _storedPosition)]);
            }

            consumer.Close();
        }
        catch (KafkaException exception)
        {
            LogCloseFailed(_partition.Topic, _partition.Partition.Value, exception.Error.Reason);
        }
        finally
        {
            consumer.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Kafka stream provider {Provider} reads {Topic}[{Partition}] from {Start}")]
    private partial void LogAssigned(string provider, string topic, int partition, string start);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kafka {Topic}[{Partition}] not ready ({Reason}); retrying")]
    private partial void LogAssignRetry(string topic, int partition, string reason);

    [LoggerMessage(
        Level = LogLevel.Critical,
        Message = "DATA LOSS: Kafka stream provider {Provider} could not read {Topic}[{Partition}] at offset {Expected} " +
                  "(offset out of range, retention removed it); resuming at {ResumeAt}, {Skipped} offsets skipped")]
    private partial void LogOffsetsSkipped(string provider, string topic, int partition, long expected, long resumeAt, long skipped);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kafka consumer error on {Topic}[{Partition}]: {Code} {Reason}")]
    private partial void LogClientError(string topic, int partition, ErrorCode code, string reason);

    [LoggerMessage(Message = "librdkafka consumer {Facility}: {Text}")]
    private partial void LogClientMessage(LogLevel level, string facility, string text);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Storing offset {Position} for {Topic}[{Partition}] failed: {Reason}")]
    private partial void LogStoreFailed(string topic, int partition, long position, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Kafka reader of {Topic}[{Partition}] failed")]
    private partial void LogReaderFailed(Exception exception, string topic, int partition);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Closing the Kafka consumer of {Topic}[{Partition}] failed: {Reason}")]
    private partial void LogCloseFailed(string topic, int partition, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kafka reader of {Topic}[{Partition}] did not stop within {Timeout}")]
    private partial void LogStopTimedOut(string topic, int partition, TimeSpan timeout);
}
