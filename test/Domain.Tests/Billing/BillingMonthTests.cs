using BillForU.Domain.Billing;

namespace BillForU.Domain.Tests.Billing;

public class BillingMonthTests
{
    [Theory]
    [InlineData("2026-13")]
    [InlineData("2026-00")]
    [InlineData("2026-1")]
    [InlineData("26-10")]
    [InlineData("2026/10")]
    [InlineData("")]
    public void Invalid_months_are_rejected_with_the_expected_format(string text)
    {
        Assert.False(BillingMonth.TryParse(text, out _));
        var error = Assert.Throws<FormatException>(() => BillingMonth.Parse(text));
        Assert.Contains("yyyy-MM", error.Message);
    }

    [Fact]
    public void Month_knows_its_days_and_neighbours()
    {
        var month = BillingMonth.Parse("2028-02");

        Assert.Equal(29, month.Days);
        Assert.Equal("2028-03", month.Next.ToString());
        Assert.Equal("2027-12", BillingMonth.Parse("2028-01").Previous.ToString());
        Assert.Equal(13, month.MonthsSince(BillingMonth.Parse("2027-01")));
    }

    [Fact]
    public void Bill_ids_round_trip_month_and_user()
    {
        var month = BillingMonth.Parse("2026-10");

        var id = BillId.For(month, 123_456);

        Assert.Equal(123_456, BillId.UserIdOf(id));
        Assert.Equal(month, BillId.MonthOf(id));
        Assert.True(BillId.For(month, 123_457) > id);
    }

    [Fact]
    public void Settlement_window_is_the_month_in_the_operator_zone()
    {
        var window = SettlementWindow.For(BillingMonth.Parse("2026-10"), TimeZoneInfo.FindSystemTimeZoneById("Asia/Seoul"));

        Assert.Equal(new DateTime(2026, 9, 30, 15, 0, 0, DateTimeKind.Utc), window.FromUtc);
        Assert.Equal(new DateTime(2026, 10, 31, 15, 0, 0, DateTimeKind.Utc), window.ToUtc);
    }
}
