namespace BillForU.Domain.Billing;

/// <summary>Integer KRW arithmetic that rounds half away from zero, exactly (no floating point).</summary>
public static class KrwRounding
{
    /// <summary><paramref name="numerator"/> / <paramref name="denominator"/> rounded half away from zero.</summary>
    public static long Divide(long numerator, long denominator)
    {
        if (denominator <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(denominator), denominator, "Denominator must be positive.");
        }
        return numerator >= 0
            ? (2 * numerator + denominator) / (2 * denominator)
            : -((-2 * numerator + denominator) / (2 * denominator));
    }

    /// <summary><paramref name="amount"/> × <paramref name="percent"/> / 100, rounded half away from zero.</summary>
    public static long Percent(long amount, int percent) => Divide(amount * percent, 100);
}
