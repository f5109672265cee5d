using Confluent.Kafka;
using ErrorCode = Confluent.Kafka.ErrorCode;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace BillForU.Streaming.Kafka.Clients;

/// <summary>
/// The one idempotent producer of a stream provider in a process, shared by the queue adapter
/// (events) and the receivers (failover and dead-letter hand-offs).
/// </summary>
internal sealed partial class KafkaStreamProducer : IDisposable
{
    // Short enough to keep a full local queue busy, long enough not to spin while librdkafka drains it.
    private static readonly TimeSpan QueueFullBackoff = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan FlushOnDisposeTimeout = TimeSpan.FromSeconds(10);

    private readonly IProducer<byte[], byte[]> _producer;
    private readonly ILogger _logger;
    private long _queueFullWaits;

    public KafkaStreamProducer(KafkaStreamOptions options, string providerName, ILogger<KafkaStreamProducer> logger)
    {
        _logger = logger;
        _producer = new ProducerBuilder<byte[], byte[]>(KafkaClientConfigs.Producer(options, providerName))
            .SetErrorHandler((_, error) => LogClientError(error.Code, error.Reason, error.IsFatal))
            .SetLogHandler((_, message) => LogClientMessage(message.ToLogLevel(), message.Facility, message.Message))
            .Build();
    }

    /// <summary>Times a produce had to wait because the local queue was full.</summary>
    public long QueueFullWaits => Interlocked.Read(ref _queueFullWaits);

    public Task<DeliveryResult<byte[], byte[]>> ProduceAsync(TopicPartition partition, Message<byte[], byte[]> message, CancellationToken cancellationToken) =>
        WithBackPressure(() => _producer.ProduceAsync(partition, message, cancellationToken), cancellationToken);

    /// <summary>Produces by key through the Kafka partitioner, for topics whose partition does not matter to Orleans.</summary>
    public Task<DeliveryResult<byte[], byte[]>> ProduceAsync(string topic, Message<byte[], byte[]> message, CancellationToken cancellationToken) =>
        WithBackPressure(() => _producer.ProduceAsync(topic, message, cancellationToken), cancellationToken);

    public void Dispose()
    {
        // Flush so events accepted before shutdown still reach the broker.
        var pending = _producer.Flush(FlushOnDisposeTimeout);
        if (pending > 0)
        {
            LogUnflushed(pending);
        }

        _producer.Dispose();
    }

    private async Task<DeliveryResult<byte[], byte[]>> WithBackPressure(
        Func<Task<DeliveryResult<byte[], byte[]>>> produce, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return await produce();
            }
            catch (ProduceException<byte[], byte[]> exception) when (exception.Error.Code == ErrorCode.Local_QueueFull)
            {
                // A full local queue is back-pressure, not failure: wait for librdkafka to drain it.
                Interlocked.Increment(ref _queueFullWaits);
                await Task.Delay(QueueFullBackoff, cancellationToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kafka producer error {Code}: {Reason} (fatal: {IsFatal})")]
    private partial void LogClientError(ErrorCode code, string reason, bool isFatal);

    [LoggerMessage(Message = "librdkafka producer {Facility}: {Text}")]
    private partial void LogClientMessage(LogLevel level, string facility, string text);

    [LoggerMessage(Level = LogLevel.Error, Message = "Kafka producer closed with {Pending} messages not delivered")]
    private partial void LogUnflushed(int pending);
}
