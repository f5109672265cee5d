using BillForU.Streaming.Kafka.Clients;
using BillForU.Streaming.Kafka.Diagnostics;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace BillForU.Streaming.Kafka.Streams;

/// <summary>
/// Moves records out of the normal flow: a failed delivery to the failover topic (re-read after a
/// growing backoff), and a record that cannot be read or that failed its last failover round to the
/// dead-letter topic. The original key and value travel unchanged; headers say why and from where.
/// Both wait until Kafka acknowledged the copy, because only then may the source offset be committed.
/// </summary>
internal sealed partial class KafkaHandOff(
    KafkaStreamProducer producer,
    KafkaStreamOptions options,
    string providerName,
    TimeProvider timeProvider,
    ILogger<KafkaHandOff> logger)
{
    private static readonly TimeSpan ProduceRetryDelay = TimeSpan.FromSeconds(1);

    private static readonly string[] ProviderHeaders =
    [
        KafkaStreamHeaders.Reason, KafkaStreamHeaders.SourceTopic, KafkaStreamHeaders.SourcePartition,
        KafkaStreamHeaders.SourceOffset, KafkaStreamHeaders.Attempt, KafkaStreamHeaders.NotBefore,
    ];

    public async Task ToFailoverOrDeadLetterAsync(KafkaInboundMessage message, KafkaQueueRoute source, CancellationToken cancellationToken)
    {
        var attempt = message.Attempt + 1;
        if (attempt > options.MaxFailoverAttempts)
        {
            await ToDeadLetterAsync(message, source, $"delivery failed after {message.Attempt} failover attempts", cancellationToken);
            return;
        }

        var reason = source.IsFailover ? $"delivery failed in failover attempt {message.Attempt}" : "delivery failed";
        var headers = HeadersFor(message, source, reason);
        var backoff = options.FailoverBackoff * Math.Pow(2, attempt - 1);
        KafkaMessageCodec.Write(headers, KafkaStreamHeaders.Attempt, attempt);
        KafkaMessageCodec.Write(headers, KafkaStreamHeaders.NotBefore, (timeProvider.GetUtcNow() + backoff).ToUnixTimeMilliseconds());

        await ProduceUntilAcknowledgedAsync(options.ResolvedFailoverTopic, message, headers, cancellationToken);
        KafkaStreamMetrics.FailedOver.Add(1, new KeyValuePair<string, object?>("provider", providerName));
        LogFailedOver(source.Topic, source.Partition, message.Offset, attempt, backoff);
    }

    public async Task ToDeadLetterAsync(KafkaInboundMessage message, KafkaQueueRoute source, string reason, CancellationToken cancellationToken)
    {
        var headers = HeadersFor(message, source, reason);
        await ProduceUntilAcknowledgedAsync(options.ResolvedDeadLetterTopic, message, headers, cancellationToken);
        KafkaStreamMetrics.DeadLettered.Add(1, new KeyValuePair<string, object?>("provider", providerName));
        LogDeadLettered(source.Topic, source.Partition, message.Offset, options.ResolvedDeadLetterTopic, reason);
    }

    private static Headers HeadersFor(KafkaInboundMessage message, KafkaQueueRoute source, string reason)
    {
        var headers = new Headers();
        foreach (var header in message.Headers.Where(header => !ProviderHeaders.Contains(header.Key, StringComparer.Ordinal)))
        {
            headers.Add(header.Key, header.GetValueBytes());
        }

        if (KafkaMessageCodec.ReadString(headers, KafkaStreamHeaders.OriginTopic) is null)
        {
            KafkaMessageCodec.Write(headers, KafkaStreamHeaders.OriginTopic, source.Topic);
            KafkaMessageCodec.Write(headers, KafkaStreamHeaders.OriginPartition, source.Partition);
            KafkaMessageCodec.Write(headers, KafkaStreamHeaders.OriginOffset, message.Offset);
        }

        KafkaMessageCodec.Write(headers, KafkaStreamHeaders.Reason, reason);
        KafkaMessageCodec.Write(headers, KafkaStreamHeaders.SourceTopic, source.Topic);
        KafkaMessageCodec.Write(headers, KafkaStreamHeaders.SourcePartition, source.Partition);
        KafkaMessageCodec.Write(headers, KafkaStreamHeaders.SourceOffset, message.Offset);
        return headers;
    }

    private async Task ProduceUntilAcknowledgedAsync(string topic, KafkaInboundMessage message, Headers headers, CancellationToken cancellationToken)
    {
        var copy = new Message<byte[], byte[]> { Key = message.Key!, Value = message.Value!, Headers = headers };
        while (true)
        {
            try
            {
                // By key through Kafka's partitioner: one stream's copies stay in one partition, in order.
                await producer.ProduceAsync(topic, copy, cancellationToken);
                return;
            }
            catch (ProduceException<byte[], byte[]> exception) when (!cancellationToken.IsCancellationRequested)
            {
                // Until the copy is acknowledged the source offset stays uncommitted, so retrying is safe.
                LogHandOffRetry(topic, exception.Error.Reason);
                await Task.Delay(ProduceRetryDelay, timeProvider, cancellationToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery of {Topic}[{Partition}]@{Offset} failed; failover attempt {Attempt} after {Backoff}")]
    private partial void LogFailedOver(string topic, int partition, long offset, int attempt, TimeSpan backoff);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Topic}[{Partition}]@{Offset} moved to dead-letter topic {DeadLetterTopic}: {Reason}")]
    private partial void LogDeadLettered(string topic, int partition, long offset, string deadLetterTopic, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Producing a hand-off copy to {Topic} failed ({Reason}); retrying")]
    private partial void LogHandOffRetry(string topic, string reason);
}
