using BillForU.Domain.Billing;

namespace BillForU.Domain.Settlement;

/// <summary>Splits a month's user id space into contiguous partitions of near-equal width.</summary>
public static class UserIdRangeSplitter
{
    public static IReadOnlyList<PartitionCheckpoint> Split(BillingMonth month, long minUserId, long maxUserId, int partitions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        if (maxUserId < minUserId)
        {
            return [];
        }
        var span = maxUserId - minUserId + 1;
        var count = (int)Math.Min(partitions, span);
        var result = new List<PartitionCheckpoint>(count);
        var after = minUserId - 1;
        for (var i = 0; i < count; i++)
        {
            var last = i == count - 1 ? maxUserId : minUserId - 1 + span * (i + 1) / count;
            result.Add(PartitionCheckpoint.Fresh(month, i, after, last));
            after = last;
        }
        return result;
    }
}
