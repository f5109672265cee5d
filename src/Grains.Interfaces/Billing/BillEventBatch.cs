namespace BillForU.Grains.Interfaces.Billing;

/// <summary>
/// Bill events of one settlement chunk, published as one stream item on the partition's stream.
/// Batching keeps a million bills to a few thousand stream messages; order within a stream keeps
/// each bill's events in order.
/// </summary>
[GenerateSerializer, Immutable, Alias("BillForU.BillEventBatch")]
public sealed record BillEventBatch(IReadOnlyList<BillEvent> Events);
