using BillForU.Domain.Billing;

namespace BillForU.Domain.Tests.Billing;

public class KrwRoundingTests
{
    [Theory]
    [InlineData(5, 2, 3)]
    [InlineData(-5, 2, -3)]
    [InlineData(7, 3, 2)]
    [InlineData(-7, 3, -2)]
    [InlineData(8, 3, 3)]
    [InlineData(0, 30, 0)]
    [InlineData(1_650_000, 30, 55_000)]
    public void Divide_rounds_half_away_from_zero(long numerator, long denominator, long expected) =>
        Assert.Equal(expected, KrwRounding.Divide(numerator, denominator));

    [Theory]
    [InlineData(1_002, 25, 251)]
    [InlineData(-1_002, 25, -251)]
    [InlineData(1_005, 10, 101)]
    public void Percent_rounds_half_away_from_zero(long amount, int percent, long expected) =>
        Assert.Equal(expected, KrwRounding.Percent(amount, percent));
}
