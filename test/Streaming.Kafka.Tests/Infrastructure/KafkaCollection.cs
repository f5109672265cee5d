namespace BillForU.Streaming.Kafka.Tests.Infrastructure;

/// <summary>
/// All tests that talk to Kafka share one broker and run one after another: the machine has two
/// cores, and silos, brokers and consumers compete for them.
/// </summary>
[CollectionDefinition(Name)]
public sealed class KafkaCollection : ICollectionFixture<KafkaEnvironment>
{
    public const string Name = "kafka";
}
