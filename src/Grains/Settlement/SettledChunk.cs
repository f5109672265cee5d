using BillForU.Domain.Billing;

namespace BillForU.Grains.Settlement;

/// <summary>A chunk whose bills are written and checkpointed: users (after, last] of a partition.</summary>
public sealed record SettledChunk(long AfterUserId, long LastUserId, IReadOnlyList<PricedBill> Bills);
