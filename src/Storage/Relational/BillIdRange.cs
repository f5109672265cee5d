using BillForU.Domain.Billing;

namespace BillForU.Storage.Relational;

/// <summary>
/// The bill ids of a month's users (after, last]: bill ids embed (month, user), so a user range of one
/// month is one contiguous id range and every bill query is a primary-key range scan.
/// </summary>
internal readonly record struct BillIdRange(long First, long Last)
{
    private const long LargestUserId = 9_999_999_999L;

    public bool IsEmpty => Last < First;

    public static BillIdRange ForUsers(BillingMonth month, long afterUserId, long lastUserId)
    {
        var first = Math.Max(afterUserId, 0) + 1;
        var last = Math.Min(lastUserId, LargestUserId);
        return last < first || first > LargestUserId
            ? new BillIdRange(0, -1)
            : new BillIdRange(BillId.For(month, first), BillId.For(month, last));
    }

    public static BillIdRange ForMonth(BillingMonth month) => ForUsers(month, 0, LargestUserId);
}
