namespace BillForU.Kafka.MockCluster;

/// <summary>Kafka protocol API keys that fault injection can target.</summary>
public enum KafkaApiKey : short
{
    /// <summary>Produce.</summary>
    Produce = 0,

    /// <summary>Fetch.</summary>
    Fetch = 1,

    /// <summary>ListOffsets.</summary>
    ListOffsets = 2,

    /// <summary>Metadata.</summary>
    Metadata = 3,

    /// <summary>OffsetCommit.</summary>
    OffsetCommit = 8,

    /// <summary>OffsetFetch.</summary>
    OffsetFetch = 9,

    /// <summary>FindCoordinator.</summary>
    FindCoordinator = 10,

    /// <summary>CreateTopics.</summary>
    CreateTopics = 19,

    /// <summary>InitProducerId.</summary>
    InitProducerId = 22,
}
