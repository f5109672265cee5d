namespace BillForU.Grains.Interfaces.Settlement;

/// <summary>The users (after, last] of a month one partition grain settles, chunk by chunk.</summary>
[GenerateSerializer, Immutable, Alias("BillForU.PartitionAssignment")]
public sealed record PartitionAssignment(string RunId, string Month, int Partition, long AfterUserId, long LastUserId, int ChunkSize);
