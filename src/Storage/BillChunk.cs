using BillForU.Domain.Billing;

namespace BillForU.Storage;

/// <summary>
/// The priced bills of one chunk of a partition: users (<see cref="AfterUserId"/>, <see cref="LastUserId"/>]
/// of <see cref="Month"/>. Writing it replaces whatever bills that range had and moves the partition's
/// checkpoint to <see cref="LastUserId"/>, atomically.
/// </summary>
public sealed record BillChunk(BillingMonth Month, int Partition, long AfterUserId, long LastUserId, IReadOnlyList<PricedBill> Bills);
