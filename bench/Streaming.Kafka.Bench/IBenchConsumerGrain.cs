namespace BillForU.Streaming.Kafka.Bench;

/// <summary>Implicit subscriber of the bench namespace, one per stream key.</summary>
[Alias("bench.IBenchConsumerGrain")]
public interface IBenchConsumerGrain : IGrainWithIntegerKey;
