using BillForU.Streaming.Kafka.Clients;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Streams;

namespace BillForU.Streaming.Kafka.Streams;

/// <summary>
/// Writes stream batches to Kafka and creates one receiver per Kafka partition. Each batch is one
/// Kafka message keyed by the stream id and written to the partition of the queue the Orleans
/// mapper picks for that stream, so Kafka's partitioner never disagrees with Orleans.
/// </summary>
internal sealed class KafkaQueueAdapter(
    string providerName,
    KafkaStreamOptions options,
    string consumerGroupId,
    KafkaQueueMapper mapper,
    KafkaStreamProducer producer,
    KafkaHandOff handOff,
    KafkaReceiverRegistry registry,
    Serializer<KafkaBatchContainer> serializer,
    TimeProvider timeProvider,
    ILoggerFactory loggerFactory) : IQueueAdapter
{
    public string Name => providerName;

    // Offsets are per queue and a failed event comes back through another queue, so a consumer
    // cannot rewind to a token; this also keeps the consumer side from rejecting failover re-deliveries.
    public bool IsRewindable => false;

    public StreamProviderDirection Direction => StreamProviderDirection.ReadWrite;

    public async Task QueueMessageBatchAsync<T>(StreamId streamId, IEnumerable<T> events, StreamSequenceToken? token, Dictionary<string, object>? requestContext)
    {
        if (token is not null)
        {
            throw new ArgumentException("The Kafka stream provider does not accept a sequence token when producing.", nameof(token));
        }

        var container = new KafkaBatchContainer(streamId, events.Cast<object>().ToList(), requestContext);
        var message = new Message<byte[], byte[]>
        {
            Key = streamId.FullKey.ToArray(),
            Value = serializer.SerializeToArray(container),
        };
        var partition = new TopicPartition(options.Topic, new Partition(mapper.GetPartitionForStream(streamId)));
        await producer.ProduceAsync(partition, message, CancellationToken.None);
    }

    public IQueueAdapterReceiver CreateReceiver(QueueId queueId)
    {
        var route = mapper.GetRoute(queueId);
        var reader = new KafkaPartitionReader(
            KafkaClientConfigs.Consumer(options, providerName, consumerGroupId, $"{route.Topic}-{route.Partition}"),
            new TopicPartition(route.Topic, new Partition(route.Partition)),
            options.ReceiverBufferSize,
            options.ReceiverBufferBytes,
            serializer,
            providerName,
            options.RedeliveryContextKey,
            loggerFactory.CreateLogger<KafkaPartitionReader>());
        return new KafkaQueueReceiver(queueId, route, reader, handOff, registry, timeProvider, loggerFactory.CreateLogger<KafkaQueueReceiver>());
    }
}
