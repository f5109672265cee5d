using System.Diagnostics.Metrics;
using BillForU.Streaming.Kafka.Diagnostics;
using BillForU.Streaming.Kafka.Tests.Infrastructure;
using Confluent.Kafka;

namespace BillForU.Streaming.Kafka.Tests;

/// <summary>Uses the mock cluster, whose ~5 MiB per-partition retention makes a lagging group fall off the log quickly.</summary>
[Collection(KafkaCollection.Name)]
public sealed class OffsetOutOfRangeTests(KafkaEnvironment kafka)
{
    [Fact]
    public async Task Offsets_lost_to_retention_are_counted_in_a_metric_not_skipped_silently()
    {
        var topics = kafka.CreateMockTopics(nameof(OffsetOutOfRangeTests), partitions: 1, failoverPartitions: 1);
        long skipped = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == KafkaStreamMetrics.MeterName && instrument.Name == KafkaStreamMetrics.OffsetsSkippedName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "topic" && Equals(tag.Value, topics.Topic))
                {
                    Interlocked.Add(ref skipped, value);
                }
            }
        });
        listener.Start();
        var log = new DeliveryLog();
        try
        {
            var lowWatermark = await FillPastRetentionWithGroupBehindAsync(topics);
            Assert.True(lowWatermark > 0, "the mock cluster kept the whole log; retention did not kick in");

            await using var cluster = ProbeCluster.Build(topics, log);
            await cluster.DeployAsync();

            await Eventually.TrueAsync(() => Interlocked.Read(ref skipped) > 0, TimeSpan.FromSeconds(60), () => "no skipped offsets reported");
            Assert.Equal(lowWatermark, Interlocked.Read(ref skipped));
            await cluster.StopAllSilosAsync();
        }
        finally
        {
            await kafka.DeleteTopicsAsync(topics);
        }
    }

    /// <summary>Commits offset 0 for the group, then writes ~8 MiB so that offset 0 is no longer retained.</summary>
    private static async Task<long> FillPastRetentionWithGroupBehindAsync(KafkaTestTopics topics)
    {
        var partition = new TopicPartition(topics.Topic, 0);
        using (var producer = new ProducerBuilder<byte[], byte[]>(new ProducerConfig { BootstrapServers = topics.BootstrapServers, LingerMs = 5 }).Build())
        {
            await producer.ProduceAsync(partition, new Message<byte[], byte[]> { Key = [1], Value = [1] });
            using (var committer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = topics.BootstrapServers, GroupId = topics.GroupId }).Build())
            {
                committer.Commit([new TopicPartitionOffset(partition, 0)]);
            }

            var payload = new byte[16 * 1024];
            Random.Shared.NextBytes(payload);
            for (var i = 0; i < 512; i++)
            {
                producer.Produce(partition, new Message<byte[], byte[]> { Key = [2], Value = payload });
            }

            producer.Flush(TimeSpan.FromSeconds(30));
        }

        using var reader = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = topics.BootstrapServers, GroupId = "watermarks" }).Build();
        return reader.QueryWatermarkOffsets(partition, TimeSpan.FromSeconds(10)).Low.Value;
    }
}
