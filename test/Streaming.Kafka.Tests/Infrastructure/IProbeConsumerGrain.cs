namespace BillForU.Streaming.Kafka.Tests.Infrastructure;

/// <summary>Implicit subscriber of the probe namespace; one per stream key.</summary>
[Alias("test.IProbeConsumerGrain")]
public interface IProbeConsumerGrain : IGrainWithIntegerKey;
