using System.Globalization;

namespace BillForU.Domain.Billing;

/// <summary>A calendar month that bills are settled for, written <c>yyyy-MM</c>.</summary>
public readonly record struct BillingMonth : IComparable<BillingMonth>
{
    public BillingMonth(int year, int month)
    {
        if (year is < 2000 or > 2999)
        {
            throw new ArgumentOutOfRangeException(nameof(year), year, "Billing year must be between 2000 and 2999.");
        }
        if (month is < 1 or > 12)
        {
            throw new ArgumentOutOfRangeException(nameof(month), month, "Billing month must be between 1 and 12.");
        }
        Year = year;
        Month = month;
    }

    public int Year { get; }

    public int Month { get; }

    public DateOnly FirstDay => new(Year, Month, 1);

    public DateOnly LastDay => new(Year, Month, Days);

    public int Days => DateTime.DaysInMonth(Year, Month);

    /// <summary>yyyyMM as a number, the prefix of every bill id of this month.</summary>
    public int Key => Year * 100 + Month;

    public BillingMonth Next => Month == 12 ? new(Year + 1, 1) : new(Year, Month + 1);

    public BillingMonth Previous => Month == 1 ? new(Year - 1, 12) : new(Year, Month - 1);

    /// <summary>Months from <paramref name="earlier"/> to this one (0 for the same month).</summary>
    public int MonthsSince(BillingMonth earlier) => (Year - earlier.Year) * 12 + Month - earlier.Month;

    public static BillingMonth Of(DateOnly day) => new(day.Year, day.Month);

    public static BillingMonth Parse(string text) =>
        TryParse(text, out var month)
            ? month
            : throw new FormatException($"'{text}' is not a billing month: expected yyyy-MM with a month from 01 to 12, e.g. 2026-10.");

    public static bool TryParse(string? text, out BillingMonth month)
    {
        month = default;
        if (text is not { Length: 7 } || text[4] != '-'
            || !int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(text.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var m)
            || year is < 2000 or > 2999 || m is < 1 or > 12)
        {
            return false;
        }
        month = new BillingMonth(year, m);
        return true;
    }

    public int CompareTo(BillingMonth other) => Key.CompareTo(other.Key);

    public override string ToString() => $"{Year:D4}-{Month:D2}";
}
