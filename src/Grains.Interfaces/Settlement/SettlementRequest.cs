namespace BillForU.Grains.Interfaces.Settlement;

/// <param name="Force">Settle again from scratch even when the month is already settled.</param>
/// <param name="Partitions">Partitions to split the month into; null = the silo's configured default.</param>
/// <param name="ChunkSize">Users per chunk; null = the configured default.</param>
[GenerateSerializer, Immutable, Alias("BillForU.SettlementRequest")]
public sealed record SettlementRequest(bool Force = false, int? Partitions = null, int? ChunkSize = null);
