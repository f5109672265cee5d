namespace BillForU.Domain.Billing;

/// <summary>
/// Bill ids are derived from (month, user) so that a re-run of a month writes the same ids,
/// lines can be keyed without reading generated ids back, and a user range of one month is an id range.
/// </summary>
public static class BillId
{
    private const long UserIdSpace = 10_000_000_000L;

    public static long For(BillingMonth month, long userId)
    {
        if (userId is <= 0 or >= UserIdSpace)
        {
            throw new ArgumentOutOfRangeException(nameof(userId), userId, "User ids must be between 1 and 9,999,999,999.");
        }
        return month.Key * UserIdSpace + userId;
    }

    public static long UserIdOf(long billId) => billId % UserIdSpace;

    public static BillingMonth MonthOf(long billId)
    {
        var key = (int)(billId / UserIdSpace);
        return new BillingMonth(key / 100, key % 100);
    }
}
