using BillForU.Streaming.Kafka.Streams;
using Orleans.Configuration;

namespace BillForU.Streaming.Kafka.Tests;

public sealed class KafkaQueueMapperTests
{
    private static readonly KafkaStreamOptions Options = new()
    {
        BootstrapServers = "localhost:9092",
        Topic = "events",
        TopicPartitions = 6,
        FailoverTopicPartitions = 2,
    };

    [Fact]
    public void There_is_one_queue_per_partition_of_the_main_and_failover_topics()
    {
        var mapper = new KafkaQueueMapper(Options, "kafka");

        var routes = mapper.GetAllQueues().Select(mapper.GetRoute).ToList();

        Assert.Equal(Enumerable.Range(0, 6), routes.Where(r => !r.IsFailover).Select(r => r.Partition).Order());
        Assert.All(routes.Where(r => !r.IsFailover), r => Assert.Equal("events", r.Topic));
        Assert.Equal(Enumerable.Range(0, 2), routes.Where(r => r.IsFailover).Select(r => r.Partition).Order());
        Assert.All(routes.Where(r => r.IsFailover), r => Assert.Equal("events-failover", r.Topic));
    }

    [Fact]
    public void A_stream_is_produced_to_the_partition_of_the_queue_Orleans_maps_it_to()
    {
        var mapper = new KafkaQueueMapper(Options, "kafka");

        for (var key = 0; key < 1000; key++)
        {
            var stream = StreamId.Create("billing", key);
            var queueRoute = mapper.GetRoute(mapper.GetQueueForStream(stream));
            Assert.False(queueRoute.IsFailover);
            Assert.Equal(queueRoute.Partition, mapper.GetPartitionForStream(stream));
        }
    }

    [Fact]
    public void Streams_spread_over_every_main_partition()
    {
        var mapper = new KafkaQueueMapper(Options, "kafka");

        var used = Enumerable.Range(0, 1000).Select(key => mapper.GetPartitionForStream(StreamId.Create("billing", key))).Distinct().Count();

        Assert.Equal(6, used);
    }
}
