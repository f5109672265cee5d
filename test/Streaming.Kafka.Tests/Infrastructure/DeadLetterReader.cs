using System.Text;
using Confluent.Kafka;

namespace BillForU.Streaming.Kafka.Tests.Infrastructure;

/// <summary>Reads a dead-letter topic from its beginning, as an operator's tool would.</summary>
public static class DeadLetterReader
{
    public static List<ConsumeResult<byte[], byte[]>> Read(string bootstrapServers, string topic, int expected, TimeSpan timeout)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = $"dlt-reader-{Guid.NewGuid():N}",
            EnableAutoCommit = false,
        }).Build();
        consumer.Assign(new TopicPartitionOffset(topic, 0, Offset.Beginning));
        var records = new List<ConsumeResult<byte[], byte[]>>();
        var deadline = DateTime.UtcNow + timeout;
        while (records.Count < expected && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { Message: not null } record)
            {
                records.Add(record);
            }
        }

        return records;
    }

    public static string? Header(ConsumeResult<byte[], byte[]> record, string name) =>
        record.Message.Headers.TryGetLastBytes(name, out var bytes) ? Encoding.UTF8.GetString(bytes) : null;
}
