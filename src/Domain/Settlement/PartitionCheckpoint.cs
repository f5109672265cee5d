using BillForU.Domain.Billing;

namespace BillForU.Domain.Settlement;

/// <summary>
/// How far one partition of a month's user id space has been settled. The partition owns users in
/// (<see cref="AfterUserId"/>, <see cref="LastUserId"/>]; bills up to <see cref="CommittedUserId"/>
/// are written. <see cref="Completed"/> is set once every chunk is written and its events published.
/// </summary>
public sealed record PartitionCheckpoint(
    BillingMonth Month,
    int Partition,
    long AfterUserId,
    long LastUserId,
    long CommittedUserId,
    long BillsWritten,
    bool Completed)
{
    public static PartitionCheckpoint Fresh(BillingMonth month, int partition, long afterUserId, long lastUserId) =>
        new(month, partition, afterUserId, lastUserId, afterUserId, 0, false);
}
