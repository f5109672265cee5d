using BillForU.Domain.Billing;
using BillForU.Domain.Customers;
using BillForU.Domain.Notifications;

namespace BillForU.Domain.Tests.Notifications;

/// <summary>The notice lifecycle without a cluster: each decision from a state, a time and a send result.</summary>
public class NoticeTests
{
    private static readonly TimeZoneInfo Seoul = TimeZoneInfo.FindSystemTimeZoneById("Asia/Seoul");
    private static readonly BillingMonth Month = new(2026, 10);
    private static readonly TimeWindow Night = new(new TimeOnly(22, 0), new TimeOnly(8, 0));
    private static readonly Dictionary<Channel, TimeWindow> NoSystemWindows = [];
    private static readonly RetrySchedule Retries = RetrySchedule.Default;

    private static DateTimeOffset Kst(int day, int hour, int minute = 0) => new(2026, 11, day, hour, minute, 0, TimeSpan.FromHours(9));

    private static NotificationPreference Preference(Channel channel, int priority, bool enabled = true, TimeWindow? quiet = null, int? sendDay = null) =>
        new(1, channel, enabled, priority, quiet, sendDay, null);

    private static Notice Plan(params NotificationPreference[] preferences) =>
        Notice.Plan(preferences, NoSystemWindows, [], Month, Kst(2, 12), Seoul);

    [Fact]
    public void With_no_preference_the_notice_goes_by_email_then_sms_and_its_first_step_is_a_send()
    {
        var notice = Plan();

        Assert.Equal([Channel.Email, Channel.Sms], notice.Deliveries.Select(d => d.Channel));
        var step = Assert.IsType<NoticeStep.Send>(notice.Next(Kst(2, 12), Seoul));
        Assert.Same(notice.Deliveries[0], step.Delivery);
        Assert.Equal((NotificationStatus.Sending, 1), (step.Delivery.Status, step.Delivery.Attempts));
    }

    [Fact]
    public void A_send_in_the_users_quiet_hours_is_deferred_to_their_end_and_put_on_record()
    {
        var notice = Plan(Preference(Channel.Email, 1, quiet: Night));

        var wait = Assert.IsType<NoticeStep.Wait>(notice.Next(Kst(2, 23), Seoul));

        Assert.Equal(Kst(3, 8).UtcDateTime, wait.DueUtc);
        Assert.Same(notice.Active, wait.Deferred);
        Assert.Equal((NotificationStatus.Deferred, Kst(3, 8).UtcDateTime), (notice.Active!.Status, notice.Active.NextAttemptAt));
    }

    [Fact]
    public void A_deferred_notice_woken_early_waits_again_without_a_new_record_and_sends_once_due()
    {
        var notice = Plan(Preference(Channel.Email, 1, quiet: Night));
        notice.Next(Kst(2, 23), Seoul);

        var early = Assert.IsType<NoticeStep.Wait>(notice.Next(Kst(3, 7, 59), Seoul));
        Assert.Null(early.Deferred);
        Assert.IsType<NoticeStep.Send>(notice.Next(Kst(3, 8), Seoul));
    }

    [Fact]
    public void The_channels_system_window_applies_when_the_user_has_none()
    {
        var notice = Notice.Plan([], new Dictionary<Channel, TimeWindow> { [Channel.Email] = Night }, [], Month, Kst(2, 12), Seoul);

        Assert.Equal(Night, notice.Deliveries[0].QuietWindow);
        Assert.Null(notice.Deliveries[1].QuietWindow);
    }

    [Fact]
    public void A_preferred_send_day_ahead_schedules_the_primary_and_a_replay_plan_does_not()
    {
        var scheduled = Plan(Preference(Channel.Email, 1, sendDay: 20));
        var replan = Notice.Plan([Preference(Channel.Email, 1, sendDay: 20)], NoSystemWindows, [], Month, Kst(2, 12), Seoul, schedule: false);

        Assert.Equal(NotificationStatus.Scheduled, scheduled.Active!.Status);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.FromHours(9)).UtcDateTime, scheduled.Active.NextAttemptAt);
        Assert.Equal(NotificationStatus.Pending, replan.Active!.Status);
    }

    [Fact]
    public void A_sent_result_finishes_the_notice()
    {
        var notice = Plan();
        notice.Next(Kst(2, 12), Seoul);

        var outcome = notice.AfterSend(SendResult.Sent("m-1"), Kst(2, 12).UtcDateTime, Retries, 0.5);

        Assert.Equal(NotificationStatus.Sent, outcome);
        Assert.Equal(("m-1", Kst(2, 12).UtcDateTime), (notice.Active!.ProviderMessageId, notice.Active.SentAt));
        Assert.IsType<NoticeStep.Finished>(notice.Next(Kst(2, 13), Seoul));
        Assert.True(notice.HasEnded);
    }

    [Fact]
    public void A_transient_failure_waits_the_backoff_then_exhausted_attempts_fail_and_fall_back_to_sms()
    {
        var notice = Plan();
        var now = Kst(2, 12).UtcDateTime;
        for (var attempt = 1; attempt < Retries.MaxAttempts; attempt++)
        {
            notice.Next(Kst(2, 12), Seoul);
            Assert.Equal(NotificationStatus.RetryWait, notice.AfterSend(SendResult.Retry("timeout"), now, Retries, 0.5));
            Assert.Equal(now + Retries.NextDelay(attempt, null, 0.5), notice.Active!.NextAttemptAt);
            Assert.IsType<NoticeStep.Wait>(notice.Next(Kst(2, 12), Seoul));
            notice.Active.NextAttemptAt = now;
        }
        notice.Next(Kst(2, 12), Seoul);

        Assert.Equal(NotificationStatus.Failed, notice.AfterSend(SendResult.Retry("timeout"), now, Retries, 0.5));
        Assert.Equal((Retries.MaxAttempts, "timeout"), (notice.Deliveries[0].Attempts, notice.Deliveries[0].LastError));
        var fellBack = Assert.IsType<NoticeStep.FellBack>(notice.Next(Kst(2, 12), Seoul));
        Assert.Equal(Channel.Sms, fellBack.Fallback.Channel);
        Assert.Equal(Channel.Sms, Assert.IsType<NoticeStep.Send>(notice.Next(Kst(2, 12), Seoul)).Delivery.Channel);
    }

    [Fact]
    public void A_refusal_on_the_last_channel_dead_letters_the_notice_with_its_error()
    {
        var notice = Plan(Preference(Channel.Push, 1), Preference(Channel.Email, 2));
        Assert.Equal([Channel.Push, Channel.Email], notice.Deliveries.Select(d => d.Channel));
        foreach (var _ in notice.Deliveries.ToList())
        {
            Assert.IsType<NoticeStep.Send>(notice.Next(Kst(2, 12), Seoul));
            Assert.Equal(NotificationStatus.Failed, notice.AfterSend(SendResult.Failed("bad address"), Kst(2, 12).UtcDateTime, Retries, 0.5));
            if (notice.Current == 0)
            {
                Assert.IsType<NoticeStep.FellBack>(notice.Next(Kst(2, 12), Seoul));
            }
        }

        var dead = Assert.IsType<NoticeStep.DeadLettered>(notice.Next(Kst(2, 12), Seoul));
        Assert.Equal((NotificationStatus.DeadLettered, "bad address"), (dead.Delivery.Status, dead.Delivery.LastError));
        Assert.IsType<NoticeStep.Finished>(notice.Next(Kst(2, 12), Seoul));
        Assert.True(notice.CanReplay);
    }

    [Fact]
    public void A_throttled_send_is_no_attempt_and_comes_back_after_the_queue_time_spread()
    {
        var notice = Plan();
        notice.Next(Kst(2, 12), Seoul);

        var outcome = notice.AfterSend(SendResult.Throttled("rate limit", TimeSpan.FromSeconds(10)), Kst(2, 12).UtcDateTime, Retries, 1.0);

        Assert.Null(outcome);
        Assert.Equal((NotificationStatus.RetryWait, 0), (notice.Active!.Status, notice.Active.Attempts));
        Assert.Equal(Kst(2, 12).UtcDateTime + TimeSpan.FromSeconds(15), notice.Active.NextAttemptAt);
    }

    [Fact]
    public void A_result_without_a_send_in_progress_is_refused()
    {
        var notice = Plan();

        Assert.Throws<InvalidOperationException>(() => notice.AfterSend(SendResult.Sent("m"), Kst(2, 12).UtcDateTime, Retries, 0.5));
    }

    [Fact]
    public void A_user_with_every_channel_disabled_gets_one_failed_delivery_and_a_replay_waits_for_an_enabled_channel()
    {
        var notice = Plan(Preference(Channel.Email, 1, enabled: false), Preference(Channel.Sms, 2, enabled: false));

        Assert.True(notice.NoUsableChannel);
        var only = Assert.Single(notice.Deliveries);
        Assert.Equal((NotificationStatus.Failed, Notice.NoUsableChannelError), (only.Status, only.LastError));
        Assert.IsType<NoticeStep.DeadLettered>(notice.Next(Kst(2, 12), Seoul));
        Assert.False(notice.Replay(Plan(Preference(Channel.Email, 1, enabled: false), Preference(Channel.Sms, 2, enabled: false))));
        Assert.True(notice.Replay(Plan(Preference(Channel.Sms, 1))));
        Assert.False(notice.NoUsableChannel);
        Assert.Equal((0, Channel.Sms), (notice.Current, notice.Active!.Channel));
    }

    [Fact]
    public void A_sent_notice_cannot_be_replayed()
    {
        var notice = Plan();
        notice.Next(Kst(2, 12), Seoul);
        notice.AfterSend(SendResult.Sent("m"), Kst(2, 12).UtcDateTime, Retries, 0.5);

        Assert.False(notice.CanReplay);
    }

    [Fact]
    public void Known_rows_resume_the_notice_where_the_log_left_it()
    {
        var known = new List<NoticeDelivery>
        {
            new() { Channel = Channel.Email, Status = NotificationStatus.Failed, Attempts = 3, LastError = "refused" },
            new() { Channel = Channel.Sms, Status = NotificationStatus.RetryWait, Attempts = 1, NextAttemptAt = Kst(2, 13).UtcDateTime },
        };

        var notice = Notice.Plan([Preference(Channel.Email, 1, sendDay: 20)], NoSystemWindows, known, Month, Kst(2, 12), Seoul);

        Assert.Equal(1, notice.Current);
        Assert.Equal((NotificationStatus.Failed, 3, "refused"), (notice.Deliveries[0].Status, notice.Deliveries[0].Attempts, notice.Deliveries[0].LastError));
        Assert.Equal(Kst(2, 13).UtcDateTime, Assert.IsType<NoticeStep.Wait>(notice.Next(Kst(2, 12), Seoul)).DueUtc);
    }

    [Fact]
    public void Only_an_unstarted_send_can_be_rescheduled_and_only_a_scheduled_one_cancelled()
    {
        var notice = Plan();
        var at = new DateTime(2026, 11, 25, 0, 0, 0, DateTimeKind.Unspecified);

        Assert.Null(notice.Cancel());
        var rescheduled = notice.Reschedule(at);
        Assert.Equal((NotificationStatus.Scheduled, DateTimeKind.Utc), (rescheduled!.Status, rescheduled.NextAttemptAt!.Value.Kind));
        Assert.Equal((NotificationStatus.Cancelled, (DateTime?)null), (notice.Cancel()!.Status, notice.Active!.NextAttemptAt));
        Assert.IsType<NoticeStep.Finished>(notice.Next(Kst(2, 12), Seoul));
        Assert.NotNull(notice.Reschedule(at));
        notice.Active!.NextAttemptAt = Kst(2, 12).UtcDateTime;
        notice.Next(Kst(2, 12), Seoul);
        Assert.Null(notice.Reschedule(at));
    }
}
