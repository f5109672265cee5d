using BillForU.Domain.Notifications;

namespace BillForU.Domain.Tests.Notifications;

public class RetryScheduleTests
{
    [Fact]
    public void Backoff_grows_30_seconds_2_minutes_then_gives_up_after_three_attempts()
    {
        var schedule = RetrySchedule.Default;

        Assert.Equal(TimeSpan.FromSeconds(30), schedule.NextDelay(1, null, 0.5));
        Assert.Equal(TimeSpan.FromMinutes(2), schedule.NextDelay(2, null, 0.5));
        Assert.Null(schedule.NextDelay(3, null, 0.5));
    }

    [Theory]
    [InlineData(0.0, 24)]
    [InlineData(0.999999, 36)]
    public void Jitter_spreads_a_retry_by_20_percent_either_way(double random, int seconds) =>
        Assert.Equal(seconds, RetrySchedule.Default.NextDelay(1, null, random)!.Value.TotalSeconds, 0);

    [Fact]
    public void A_providers_retry_after_is_never_undercut()
    {
        Assert.Equal(TimeSpan.FromMinutes(5), RetrySchedule.Default.NextDelay(1, TimeSpan.FromMinutes(5), 0.5));
        Assert.Equal(TimeSpan.FromSeconds(30), RetrySchedule.Default.NextDelay(1, TimeSpan.FromSeconds(1), 0.5));
    }
}
