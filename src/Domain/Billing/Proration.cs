namespace BillForU.Domain.Billing;

/// <summary>How much of a monthly fee a subscription owes for the days it was active in a month.</summary>
public static class Proration
{
    /// <summary>Days of <paramref name="month"/> within [start, end], both inclusive; an open end runs to the month's end.</summary>
    public static int ActiveDays(BillingMonth month, DateOnly start, DateOnly? end)
    {
        var from = start > month.FirstDay ? start : month.FirstDay;
        var to = end is { } e && e < month.LastDay ? e : month.LastDay;
        return to < from ? 0 : to.DayNumber - from.DayNumber + 1;
    }

    public static long Fee(long monthlyFee, int activeDays, int daysInMonth) =>
        activeDays >= daysInMonth ? monthlyFee : KrwRounding.Divide(monthlyFee * activeDays, daysInMonth);
}
