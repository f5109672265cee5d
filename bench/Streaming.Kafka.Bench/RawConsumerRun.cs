using System.Diagnostics;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace BillForU.Streaming.Kafka.Bench;

/// <summary>
/// The ceiling: a plain Confluent producer and consumer move the same number of events, in messages
/// of the same Orleans-serialized batches, through the same topic, paced by the same window; the
/// consumer only counts. Nothing Orleans does per event is in this path.
/// </summary>
public static class RawConsumerRun
{
    /// <summary>
    /// The mock broker answers an empty fetch only after fetch.wait.max.ms (500 ms by default) even
    /// when data arrives meanwhile; with a bounded window that wait, not throughput, would be measured.
    /// Both Kafka paths use the same value.
    /// </summary>
    public const string FetchWaitMaxMs = "10";

    public static async Task<RunResult> RunAsync(string bootstrapServers, string topic, BenchSettings settings, int batch, CancellationToken cancellationToken)
    {
        var payload = Payload(batch);
        var messages = settings.Events / batch;
        var window = new SemaphoreSlim(Math.Max(1, settings.Window / batch));
        var partitions = Enumerable.Range(0, settings.Partitions).Select(p => new TopicPartition(topic, p)).ToList();

        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = $"bench-raw-{Guid.NewGuid():N}",
            EnableAutoCommit = false,
            FetchWaitMaxMs = int.Parse(FetchWaitMaxMs, System.Globalization.CultureInfo.InvariantCulture),
        }).Build();
        consumer.Assign(partitions.Select(p => new TopicPartitionOffset(p, consumer.QueryWatermarkOffsets(p, TimeSpan.FromSeconds(10)).High)));

        using var producer = new ProducerBuilder<byte[], byte[]>(new ProducerConfig
        {
            BootstrapServers = bootstrapServers,
            EnableIdempotence = true,
            Acks = Acks.All,
            CompressionType = CompressionType.Lz4,
            LingerMs = settings.LingerMs,
        }).Build();

        var clock = Stopwatch.StartNew();
        var consuming = Task.Factory.StartNew(
            () =>
            {
                // A dedicated thread: Consume blocks.
                for (var received = 0; received < messages;)
                {
                    if (consumer.Consume(cancellationToken) is { Message: not null })
                    {
                        received++;
                        window.Release();
                    }
                }
            },
            cancellationToken,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);

        for (var i = 0; i < messages; i++)
        {
            await window.WaitAsync(cancellationToken);
            var key = BitConverter.GetBytes((long)(i % settings.Streams));
            producer.Produce(partitions[i % partitions.Count], new Message<byte[], byte[]> { Key = key, Value = payload });
        }

        await consuming;
        clock.Stop();
        producer.Flush(TimeSpan.FromSeconds(30));
        return new RunResult("raw Confluent consumer (ceiling)", settings.Events, clock.Elapsed);
    }

    private static byte[] Payload(int batch)
    {
        using var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer<List<object>>>();
        var events = Enumerable.Range(0, batch)
            .Select(i => (object)new BenchEvent(1, i, 1_000 + i, new DateTime(2025, 1, 31, 0, 0, 0, DateTimeKind.Utc)))
            .ToList();
        return serializer.SerializeToArray(events);
    }
}
