namespace BillForU.Streaming.Kafka.Tests.Infrastructure;

/// <summary>A test event: the <paramref name="Sequence"/>th event of stream <paramref name="Stream"/>.</summary>
/// <param name="Stream">Stream key.</param>
/// <param name="Sequence">Position in its stream, from 0.</param>
/// <param name="FailForMilliseconds">0: the consumer accepts it; -1: the consumer always throws; n: the consumer throws for n ms after first seeing it.</param>
[GenerateSerializer, Immutable, Alias("test.ProbeEvent")]
public sealed record ProbeEvent(long Stream, int Sequence, int FailForMilliseconds = 0)
{
    public const string Namespace = "probe";
}
