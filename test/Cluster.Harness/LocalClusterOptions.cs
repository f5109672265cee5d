namespace BillForU.Cluster.Harness;

/// <summary>How a <see cref="LocalCluster"/> is set up.</summary>
public sealed record LocalClusterOptions
{
    /// <summary>Names the database, the cluster id and the temp folder (letters, digits and dashes).</summary>
    public string Name { get; init; } = "cluster";

    /// <summary>Redis persists its data (append-only file), so a restarted Redis comes back with membership, grain state and reminders.</summary>
    public bool RedisAppendOnly { get; init; }

    /// <summary>Partitions of the event and failover topics (one Orleans queue each).</summary>
    public int KafkaPartitions { get; init; } = 3;

    public int SettlementPartitions { get; init; } = 8;

    public int ChunkSize { get; init; } = 2_000;

    /// <summary>Further environment variables of every BillForU process (override the defaults).</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();
}
