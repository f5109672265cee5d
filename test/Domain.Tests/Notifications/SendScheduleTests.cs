using BillForU.Domain.Billing;
using BillForU.Domain.Notifications;

namespace BillForU.Domain.Tests.Notifications;

public class SendScheduleTests
{
    private static readonly TimeZoneInfo Seoul = TimeZoneInfo.FindSystemTimeZoneById("Asia/Seoul");
    private static readonly BillingMonth October = new(2026, 10);
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 10, 0, 0, TimeSpan.FromHours(9));

    [Fact]
    public void Preferred_day_and_time_fall_in_the_month_after_the_billing_month() =>
        Assert.Equal(
            new DateTimeOffset(2026, 11, 15, 19, 30, 0, TimeSpan.FromHours(9)),
            SendSchedule.PreferredInstant(October, 15, new TimeOnly(19, 30), Now, Seoul));

    [Fact]
    public void A_preferred_instant_already_past_sends_now() =>
        Assert.Null(SendSchedule.PreferredInstant(October, 1, new TimeOnly(9, 0), Now, Seoul));

    [Fact]
    public void No_preferred_day_sends_now() =>
        Assert.Null(SendSchedule.PreferredInstant(October, null, null, Now, Seoul));
}
