using BillForU.Domain.Customers;
using BillForU.Domain.Notifications;

namespace BillForU.Domain.Tests.Notifications;

public class QuietHoursPolicyTests
{
    private static readonly TimeZoneInfo Seoul = TimeZoneInfo.FindSystemTimeZoneById("Asia/Seoul");
    private static readonly TimeWindow Night = new(new TimeOnly(22, 0), new TimeOnly(8, 0));

    private static DateTimeOffset Kst(int day, int hour, int minute = 0) => new(2026, 11, day, hour, minute, 0, TimeSpan.FromHours(9));

    [Fact]
    public void A_send_at_01_00_waits_until_08_00_that_same_morning()
    {
        var until = QuietHoursPolicy.DeferUntil(Kst(2, 1), Night, Seoul);

        Assert.Equal(Kst(2, 8), until);
    }

    [Fact]
    public void A_send_at_23_00_waits_until_08_00_the_next_morning() =>
        Assert.Equal(Kst(3, 8), QuietHoursPolicy.DeferUntil(Kst(2, 23), Night, Seoul));

    [Theory]
    [InlineData(8, 0)]
    [InlineData(12, 30)]
    [InlineData(21, 59)]
    public void Outside_the_window_a_send_goes_now(int hour, int minute) =>
        Assert.Null(QuietHoursPolicy.DeferUntil(Kst(2, hour, minute), Night, Seoul));

    [Fact]
    public void A_window_within_one_day_defers_to_its_end_that_day()
    {
        var lunch = new TimeWindow(new TimeOnly(12, 0), new TimeOnly(13, 0));

        Assert.Equal(Kst(2, 13), QuietHoursPolicy.DeferUntil(Kst(2, 12, 15), lunch, Seoul));
        Assert.Null(QuietHoursPolicy.DeferUntil(Kst(2, 13), lunch, Seoul));
    }

    [Fact]
    public void The_users_window_overrides_the_system_policy()
    {
        var user = new TimeWindow(new TimeOnly(23, 0), new TimeOnly(7, 0));
        var system = new MessagePolicy(Channel.Email, true, Night);

        var window = QuietHoursPolicy.EffectiveWindow(user, system);

        Assert.Equal(user, window);
        Assert.Null(QuietHoursPolicy.DeferUntil(Kst(2, 22, 30), window, Seoul));
        Assert.Equal(Kst(2, 7), QuietHoursPolicy.DeferUntil(Kst(2, 6), window, Seoul));
    }

    [Fact]
    public void A_disabled_system_policy_imposes_no_window() =>
        Assert.Null(QuietHoursPolicy.EffectiveWindow(null, new MessagePolicy(Channel.Push, false, Night)));
}
