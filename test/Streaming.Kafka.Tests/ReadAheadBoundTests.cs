using BillForU.Streaming.Kafka.Clients;
using BillForU.Streaming.Kafka.Streams;
using BillForU.Streaming.Kafka.Tests.Infrastructure;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Configuration;
using Orleans.Providers.Streams.Common;
using Orleans.Streams;
using Orleans.Serialization;

namespace BillForU.Streaming.Kafka.Tests;

/// <summary>
/// What a partition holds in memory while its consumers work through a backlog: the reader stops at its byte budget
/// (the rest waits in Kafka), and the Orleans cache holds the number of messages the options give it.
/// </summary>
[Collection(KafkaCollection.Name)]
public sealed class ReadAheadBoundTests(KafkaEnvironment kafka)
{
    private const int Records = 60;
    private const int RecordBytes = 8 * 1024;
    private const int KeyBytes = 1;

    [Fact]
    public async Task The_reader_stops_at_its_byte_budget_and_reads_on_as_records_are_taken()
    {
        var topics = kafka.CreateTopics(nameof(ReadAheadBoundTests), partitions: 1, failoverPartitions: 1);
        try
        {
            var partition = new TopicPartition(topics.Topic, 0);
            Produce(topics.BootstrapServers, partition);
            var options = new KafkaStreamOptions { BootstrapServers = topics.BootstrapServers, Topic = topics.Topic, ReceiverBufferBytes = 4 * RecordBytes };
            await using var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
            using var reader = new KafkaPartitionReader(
                KafkaClientConfigs.Consumer(options, "bounds", topics.GroupId, $"{topics.Topic}-0"),
                partition,
                options.ReceiverBufferSize,
                options.ReceiverBufferBytes,
                services.GetRequiredService<Serializer<KafkaBatchContainer>>(),
                "bounds",
                redeliveryContextKey: null,
                NullLogger.Instance);
            reader.Start();
            await reader.Assigned;

            // Four records fill the budget; the reader then waits however long nobody takes one.
            await Eventually.TrueAsync(() => reader.BufferedBytes >= options.ReceiverBufferBytes, TimeSpan.FromSeconds(30), () => $"{reader.BufferedBytes} bytes buffered");
            await Task.Delay(TimeSpan.FromSeconds(1));
            Assert.Equal(4 * (RecordBytes + KeyBytes), reader.BufferedBytes);

            var offsets = new List<long>();
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (offsets.Count < Records && DateTime.UtcNow < deadline)
            {
                if (reader.TryTake(out var message))
                {
                    offsets.Add(message!.Offset);
                    Assert.True(reader.BufferedBytes <= options.ReceiverBufferBytes + RecordBytes + KeyBytes, $"{reader.BufferedBytes} bytes buffered");
                }
                else
                {
                    await Task.Delay(5);
                }
            }

            Assert.Equal(Enumerable.Range(0, Records).Select(i => (long)i), offsets);
        }
        finally
        {
            await kafka.DeleteTopicsAsync(topics);
        }
    }

    [Fact]
    public async Task The_orleans_cache_of_a_partition_holds_the_configured_number_of_messages()
    {
        await using var services = new ServiceCollection()
            .AddLogging()
            .AddSerializer()
            .Configure<KafkaStreamOptions>("bounded", o => (o.BootstrapServers, o.Topic, o.CacheSize) = ("127.0.0.1:1", "t", 40))
            .AddKeyedSingleton("bounded", (sp, _) => new KafkaReceiverRegistry())
            .BuildServiceProvider();
        var factory = KafkaQueueAdapterFactory.Create(services, "bounded");
        var cache = factory.GetQueueAdapterCache().CreateQueueCache(QueueId.GetQueueId("bounded", 0, 0));

        // Orleans' cache takes a tenth of its size per read and stops reading once it holds ten such tenths.
        Assert.Equal(4, ((SimpleQueueCache)cache).GetMaxAddCount());
        Assert.Equal(KafkaStreamOptions.DefaultCacheSize, new KafkaStreamOptions().CacheSize);
    }

    private static void Produce(string bootstrapServers, TopicPartition partition)
    {
        using var producer = new ProducerBuilder<byte[], byte[]>(new ProducerConfig { BootstrapServers = bootstrapServers, LingerMs = 5 }).Build();
        var payload = new byte[RecordBytes];
        Random.Shared.NextBytes(payload);
        for (var i = 0; i < Records; i++)
        {
            producer.Produce(partition, new Message<byte[], byte[]> { Key = [7], Value = payload });
        }

        producer.Flush(TimeSpan.FromSeconds(30));
    }
}
