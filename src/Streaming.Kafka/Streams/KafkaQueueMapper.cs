using System.Globalization;
using Orleans.Configuration;
using Orleans.Streams;

namespace BillForU.Streaming.Kafka.Streams;

/// <summary>
/// One Orleans queue per Kafka partition of the main topic and of the failover topic. Streams map
/// only onto main-topic queues (Orleans' hash ring decides which, and the producer writes to exactly
/// that partition); failover queues exist so that the queue balancer hands their partitions to
/// silos like any other.
/// </summary>
internal sealed class KafkaQueueMapper : IConsistentRingStreamQueueMapper
{
    private readonly HashRingBasedPartitionedStreamQueueMapper _main;
    private readonly HashRingBasedPartitionedStreamQueueMapper _failover;
    private readonly Dictionary<QueueId, KafkaQueueRoute> _routes = [];

    public KafkaQueueMapper(KafkaStreamOptions options, string providerName)
    {
        _main = new HashRingBasedPartitionedStreamQueueMapper(PartitionIds(options.TopicPartitions), providerName);
        _failover = new HashRingBasedPartitionedStreamQueueMapper(PartitionIds(options.FailoverTopicPartitions), $"{providerName}-failover");
        foreach (var queue in _main.GetAllQueues())
        {
            _routes[queue] = new KafkaQueueRoute(options.Topic, Partition(_main, queue), IsFailover: false);
        }

        foreach (var queue in _failover.GetAllQueues())
        {
            _routes[queue] = new KafkaQueueRoute(options.ResolvedFailoverTopic, Partition(_failover, queue), IsFailover: true);
        }
    }

    public IEnumerable<QueueId> GetAllQueues() => _main.GetAllQueues().Concat(_failover.GetAllQueues());

    public QueueId GetQueueForStream(StreamId streamId) => _main.GetQueueForStream(streamId);

    public IEnumerable<QueueId> GetQueuesForRange(IRingRange range) =>
        _main.GetQueuesForRange(range).Concat(_failover.GetQueuesForRange(range));

    public KafkaQueueRoute GetRoute(QueueId queueId) => _routes[queueId];

    /// <summary>The main-topic partition every event of <paramref name="streamId"/> is produced to.</summary>
    public int GetPartitionForStream(StreamId streamId) => _routes[GetQueueForStream(streamId)].Partition;

    private static string[] PartitionIds(int count) =>
        Enumerable.Range(0, count).Select(partition => partition.ToString(CultureInfo.InvariantCulture)).ToArray();

    private static int Partition(HashRingBasedPartitionedStreamQueueMapper mapper, QueueId queue) =>
        int.Parse(mapper.QueueToPartition(queue), CultureInfo.InvariantCulture);
}
