using System.Globalization;
using System.Text;
using Confluent.Kafka;
using Orleans.Serialization;

namespace BillForU.Streaming.Kafka.Streams;

/// <summary>Turns Kafka records into <see cref="KafkaInboundMessage"/>s and back; reads and writes the provider's headers.</summary>
internal static class KafkaMessageCodec
{
    public static KafkaInboundMessage Decode(ConsumeResult<byte[], byte[]> record, Serializer<KafkaBatchContainer> serializer)
    {
        var headers = record.Message.Headers ?? [];
        var attempt = (int)(ReadLong(headers, KafkaStreamHeaders.Attempt) ?? 0);
        var notBefore = DateTimeOffset.FromUnixTimeMilliseconds(ReadLong(headers, KafkaStreamHeaders.NotBefore) ?? 0);
        KafkaBatchContainer? container = null;
        string? poisonReason = null;
        if (record.Message.Value is not { Length: > 0 } value)
        {
            poisonReason = "deserialization failed: empty message value";
        }
        else
        {
            try
            {
                container = serializer.Deserialize(value);
                container?.SetOffset(record.Offset.Value);
                poisonReason = container is null ? "deserialization failed: null batch" : null;
            }
            catch (Exception exception)
            {
                // Whatever the serializer throws on foreign bytes, the record is poison: it goes to the dead-letter topic.
                poisonReason = $"deserialization failed: {exception.GetType().Name}: {exception.Message}";
            }
        }

        return new KafkaInboundMessage
        {
            Offset = record.Offset.Value,
            Key = record.Message.Key,
            Value = record.Message.Value,
            Headers = headers,
            Container = container,
            PoisonReason = poisonReason,
            Attempt = attempt,
            NotBefore = notBefore,
        };
    }

    public static string? ReadString(Headers headers, string name) =>
        headers.TryGetLastBytes(name, out var bytes) ? Encoding.UTF8.GetString(bytes) : null;

    public static void Write(Headers headers, string name, string value)
    {
        headers.Remove(name);
        headers.Add(name, Encoding.UTF8.GetBytes(value));
    }

    public static void Write(Headers headers, string name, long value) =>
        Write(headers, name, value.ToString(CultureInfo.InvariantCulture));

    private static long? ReadLong(Headers headers, string name) =>
        long.TryParse(ReadString(headers, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
}
