namespace BillForU.Streaming.Kafka.Bench;

/// <summary>A bill-sized event: keys, an amount and a date, like the billing stream carries.</summary>
[GenerateSerializer, Immutable, Alias("bench.BenchEvent")]
public sealed record BenchEvent(long Stream, int Sequence, long AmountCents, DateTime IssuedAt)
{
    public const string Namespace = "bench";
}
