using Microsoft.Extensions.Logging;
using Orleans.Streams;

namespace BillForU.Streaming.Kafka.Streams;

/// <summary>
/// Told by the pulling agent of one queue when a delivery exhausted its retries
/// (<c>StreamPullingAgentOptions.MaxEventDeliveryTime</c>); hands the record to that queue's receiver
/// for the failover topic instead of dropping it.
/// </summary>
internal sealed partial class KafkaStreamFailureHandler(QueueId queueId, KafkaReceiverRegistry registry, ILogger<KafkaStreamFailureHandler> logger)
    : IStreamFailureHandler
{
    // The failed event is re-delivered through the failover topic, so the subscription itself stays healthy.
    public bool ShouldFaultSubsriptionOnError => false;

    public Task OnDeliveryFailure(GuidId subscriptionId, string streamProviderName, StreamId streamIdentity, StreamSequenceToken? sequenceToken)
    {
        if (registry.TryGet(queueId, out var receiver) && receiver is not null)
        {
            return receiver.HandOffFailedDeliveryAsync(streamIdentity, sequenceToken);
        }

        LogNoReceiver(queueId.ToString(), streamIdentity);
        return Task.CompletedTask;
    }

    public Task OnSubscriptionFailure(GuidId subscriptionId, string streamProviderName, StreamId streamIdentity, StreamSequenceToken? sequenceToken)
    {
        LogSubscriptionFailure(subscriptionId.ToString(), streamIdentity);
        return Task.CompletedTask;
    }

    [LoggerMessage(
        Level = LogLevel.Error,
        Message = "Delivery failed on stream {StreamId} but queue {Queue} has no receiver here; the record will be re-read from the last committed offset")]
    private partial void LogNoReceiver(string queue, StreamId streamId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Subscription {SubscriptionId} on stream {StreamId} failed")]
    private partial void LogSubscriptionFailure(string subscriptionId, StreamId streamId);
}
