using BillForU.Domain.Customers;
using BillForU.Domain.Generation;
using BillForU.Domain.Notifications;
using BillForU.Grains.Interfaces.Notifications;
using BillForU.Grains.Notifications;
using BillForU.Grains.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using static BillForU.Grains.Tests.Support.NotificationCluster;

namespace BillForU.Grains.Tests.Notifications;

/// <summary>Bill notices against a real SMTP server and HTTP provider on loopback, on a fake clock.</summary>
public sealed class NotificationGrainTests : IAsyncLifetime
{
    private NotificationCluster? _cluster;

    private NotificationCluster Cluster => _cluster!;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    private async Task StartAsync(DateTimeOffset now)
    {
        _cluster = await NotificationCluster.StartAsync(now);
        await _cluster.SeedAsync(20);
    }

    private int EmailsTo(long userId) => Cluster.Smtp.MessagesTo(DemoContacts.EmailFor(userId)).Count;

    private int SmsDelivered(long userId) =>
        Cluster.Sms.Delivered.Count(r => r.IdempotencyKey == NotificationIds.For(Domain.Billing.BillId.For(Month, userId), Channel.Sms));

    private async Task<DeliverySnapshot> DeliveryAsync(long userId, Channel channel) =>
        (await Cluster.Notice(userId).GetAsync())!.Deliveries.Single(d => d.Channel == channel);

    [Fact]
    public async Task An_event_at_01_00_is_delivered_at_08_00_the_same_morning()
    {
        await StartAsync(Kst(2, 1));

        await Cluster.AcceptAsync(1);
        var deferred = await DeliveryAsync(1, Channel.Email);
        await Cluster.AdvanceAsync(TimeSpan.FromHours(7) - TimeSpan.FromMinutes(1));
        var before = EmailsTo(1);
        await Cluster.AdvanceAsync(TimeSpan.FromMinutes(2));
        await Cluster.EventuallyAsync(() => EmailsTo(1) == 1, "the 08:00 email arrives", 1);

        Assert.Equal(NotificationStatus.Deferred, deferred.Status);
        Assert.Equal(Kst(2, 8).UtcDateTime, deferred.NextAttemptAt);
        Assert.Equal(0, before);
        var sent = await DeliveryAsync(1, Channel.Email);
        Assert.Equal(NotificationStatus.Sent, sent.Status);
        Assert.InRange(sent.SentAt!.Value, Kst(2, 8).UtcDateTime, Kst(2, 8, 2).UtcDateTime);
        var message = Assert.Single(Cluster.Smtp.MessagesTo(DemoContacts.EmailFor(1)));
        Assert.Contains(NotificationIds.For(Domain.Billing.BillId.For(Month, 1), Channel.Email), message.MessageId);
    }

    [Fact]
    public async Task A_users_23_to_07_window_overrides_the_system_22_to_08_policy()
    {
        await StartAsync(Kst(2, 22, 30));
        var ownWindow = Preference(Channel.Email, 1, quiet: (23, 7));

        await Cluster.AcceptAsync(2, ownWindow);
        await Cluster.EventuallyAsync(() => EmailsTo(2) == 1, "the 22:30 email goes at once", 2);
        await Cluster.AdvanceAsync(TimeSpan.FromHours(1));
        await Cluster.AcceptAsync(3, ownWindow);
        var deferred = await DeliveryAsync(3, Channel.Email);

        Assert.Equal(NotificationStatus.Deferred, deferred.Status);
        Assert.Equal(Kst(3, 7).UtcDateTime, deferred.NextAttemptAt);
    }

    [Fact]
    public async Task A_fallback_sms_at_23_30_also_waits_for_the_morning()
    {
        await StartAsync(Kst(2, 23, 30));
        Cluster.Smtp.RejectPermanently = true;

        await Cluster.AcceptAsync(4, Preference(Channel.Email, 1, quiet: (1, 2)));
        var email = await DeliveryAsync(4, Channel.Email);
        var sms = await DeliveryAsync(4, Channel.Sms);
        await Cluster.AdvanceAsync(TimeSpan.FromHours(8) + TimeSpan.FromMinutes(31));
        await Cluster.EventuallyAsync(() => SmsDelivered(4) == 1, "the fallback SMS goes at 08:00", 4);

        Assert.Equal(NotificationStatus.Failed, email.Status);
        Assert.Equal(NotificationStatus.Deferred, sms.Status);
        Assert.Equal(Kst(3, 8).UtcDateTime, sms.NextAttemptAt);
        Assert.Equal(1, SmsDelivered(4));
    }

    [Fact]
    public async Task Email_failing_three_times_falls_back_to_exactly_one_sms()
    {
        await StartAsync(Kst(2, 10));
        Cluster.Smtp.RejectTransiently = 3;

        await Cluster.AcceptAsync(5);
        await Cluster.AdvanceAsync(TimeSpan.FromSeconds(40));
        await Cluster.AdvanceAsync(TimeSpan.FromSeconds(150));
        await Cluster.EventuallyAsync(() => SmsDelivered(5) == 1, "the SMS fallback is delivered", 5);
        await Cluster.AdvanceAsync(TimeSpan.FromMinutes(15));

        var email = await DeliveryAsync(5, Channel.Email);
        Assert.Equal((NotificationStatus.Failed, 3), (email.Status, email.Attempts));
        Assert.Equal(NotificationStatus.Sent, (await DeliveryAsync(5, Channel.Sms)).Status);
        Assert.Equal(0, EmailsTo(5));
        Assert.Equal(1, SmsDelivered(5));
    }

    [Fact]
    public async Task A_send_that_waits_out_its_time_in_the_rate_limit_queue_spends_no_attempt_and_goes_later_once()
    {
        // One SMS a second, and a grain that waits 300 ms for its turn: of three notices at once, two are throttled.
        _cluster = await NotificationCluster.StartAsync(
            Kst(2, 10),
            channelTuning: channels => channels.Sms.PermitsPerSecond = 1,
            settings: new Dictionary<string, string?> { ["BillForU:Notifications:SendTimeout"] = "00:00:00.300" });
        await _cluster.SeedAsync(20);
        long[] users = [6, 7, 8];

        await Task.WhenAll(users.Select(u => Cluster.AcceptAsync(u, Preference(Channel.Sms, 1))));
        var throttled = Cluster.Services.GetRequiredService<NotificationMetrics>().ThrottledSends;
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (users.Any(u => SmsDelivered(u) == 0) && !patience.IsCancellationRequested)
        {
            await Cluster.AdvanceAsync(TimeSpan.FromSeconds(5));
        }

        Assert.True(throttled >= 1, $"expected a throttled send, saw {throttled}");
        Assert.All(users, u => Assert.Equal(1, SmsDelivered(u)));
        foreach (var user in users)
        {
            var sms = await DeliveryAsync(user, Channel.Sms);
            Assert.Equal((NotificationStatus.Sent, 1), (sms.Status, sms.Attempts));
        }
    }

    [Fact]
    public async Task When_sms_fails_too_the_notice_is_dead_lettered_and_a_replay_sends_exactly_one_email()
    {
        await StartAsync(Kst(2, 10));
        Cluster.Smtp.RejectPermanently = true;
        Cluster.Sms.FailNext = int.MaxValue;

        await Cluster.AcceptAsync(6);
        await Cluster.AdvanceAsync(TimeSpan.FromMinutes(5));
        var dead = await DeliveryAsync(6, Channel.Sms);
        await Cluster.FlushLogAsync();
        var listed = await Cluster.Services.GetRequiredService<Storage.Notifications.IDeliveryStore>()
            .ListByStatusAsync(NotificationStatus.DeadLettered, 0, 10, CancellationToken.None);
        Cluster.Smtp.RejectPermanently = false;
        Cluster.Sms.FailNext = 0;
        // A replay follows the preferences on record: make email the user's first choice there too.
        await Cluster.Services.GetRequiredService<Storage.Notifications.IRecipientDirectory>()
            .SavePreferenceAsync(new NotificationPreference(6, Channel.Email, true, 1, null, null, null), CancellationToken.None);
        var replayed = await Cluster.Notice(6).RetryAsync();
        await Cluster.EventuallyAsync(() => EmailsTo(6) == 1, "the replayed email arrives", 6);
        var replayedAgain = await Cluster.Notice(6).RetryAsync();

        Assert.Equal((NotificationStatus.DeadLettered, 3), (dead.Status, dead.Attempts));
        Assert.Contains(listed, s => s.BillId == Domain.Billing.BillId.For(Month, 6));
        Assert.True(replayed);
        Assert.False(replayedAgain);
        Assert.Equal(1, EmailsTo(6));
        Assert.Equal(0, SmsDelivered(6));
    }

    [Fact]
    public async Task A_user_who_disabled_every_channel_is_dead_lettered_and_replayed_only_once_a_channel_is_enabled()
    {
        await StartAsync(Kst(2, 10));
        var directory = Cluster.Services.GetRequiredService<Storage.Notifications.IRecipientDirectory>();
        foreach (var channel in Enum.GetValues<Channel>())
        {
            await directory.SavePreferenceAsync(new NotificationPreference(11, channel, false, 1, null, null, null), CancellationToken.None);
        }

        await Cluster.AcceptAsync(11, Preference(Channel.Email, 1) with { Enabled = false }, Preference(Channel.Sms, 2) with { Enabled = false });
        var dead = await DeliveryAsync(11, Channel.Email);
        var refused = await Cluster.Notice(11).RetryAsync();
        await directory.SavePreferenceAsync(new NotificationPreference(11, Channel.Email, true, 1, null, null, null), CancellationToken.None);
        var replayed = await Cluster.Notice(11).RetryAsync();
        await Cluster.EventuallyAsync(() => EmailsTo(11) == 1, "the replayed email arrives", 11);

        Assert.Equal(NotificationStatus.DeadLettered, dead.Status);
        Assert.False(refused);
        Assert.True(replayed);
        Assert.Equal(0, SmsDelivered(11));
    }

    [Fact]
    public async Task An_event_read_for_the_first_time_sends_before_its_first_state_write_and_a_possible_repeat_writes_first()
    {
        await StartAsync(Kst(2, 10));
        var sms = Preference(Channel.Sms, 1);
        Cluster.Sms.HoldAnswers();

        var first = Cluster.Notice(3).AcceptAsync(EventFor(3), Cluster.RecipientFor(3, sms), [], mayBeRedelivered: false);
        var repeat = Cluster.Notice(4).AcceptAsync(EventFor(4), Cluster.RecipientFor(4, sms), [], mayBeRedelivered: true);
        await Cluster.EventuallyAsync(() => Cluster.Sms.Waiting == 2, "both sends reach the provider");
        var storedDuringFirst = await StoredAsync(3);
        var storedDuringRepeat = await StoredAsync(4);
        Cluster.Sms.ReleaseAnswers();
        await Task.WhenAll(first, repeat);

        Assert.False(storedDuringFirst.RecordExists);
        Assert.True(storedDuringRepeat.RecordExists);
        var sending = storedDuringRepeat.State!.Notice.Deliveries[0];
        Assert.Equal((NotificationStatus.Sending, 1), (sending.Status, sending.Attempts));
        foreach (var userId in new[] { 3L, 4L })
        {
            var stored = (await StoredAsync(userId)).State!.Notice.Deliveries[0];
            Assert.Equal((NotificationStatus.Sent, 1), (stored.Status, stored.Attempts));
            Assert.Equal(1, SmsDelivered(userId));
        }
    }

    private async Task<GrainState<NotificationState>> StoredAsync(long userId)
    {
        var stored = new GrainState<NotificationState>(new NotificationState());
        var storage = Cluster.Services.GetRequiredKeyedService<IGrainStorage>(Interfaces.Constants.GrainStorage);
        await storage.ReadStateAsync("notification", Cluster.Notice(userId).GetGrainId(), stored);
        return stored;
    }

    [Fact]
    public async Task The_same_event_twice_and_a_replay_after_success_send_one_email()
    {
        await StartAsync(Kst(2, 10));

        var first = await Cluster.AcceptAsync(7);
        var second = await Cluster.AcceptAsync(7);
        await Cluster.EventuallyAsync(() => EmailsTo(7) == 1, "the email arrives", 7);
        var replay = await Cluster.Notice(7).RetryAsync();
        await Cluster.AdvanceAsync(TimeSpan.FromMinutes(5));

        Assert.Equal(AcceptOutcome.Accepted, first);
        Assert.Equal(AcceptOutcome.Duplicate, second);
        Assert.False(replay);
        Assert.Equal(1, EmailsTo(7));
    }

    [Fact]
    public async Task A_scheduled_send_fires_at_its_time_and_a_cancelled_one_never_does()
    {
        await StartAsync(Kst(2, 10));
        var onThe5th = Preference(Channel.Email, 1, sendDay: 5, sendTime: new TimeOnly(9, 30));

        await Cluster.AcceptAsync(8, onThe5th);
        await Cluster.AcceptAsync(9, onThe5th);
        var scheduled = await DeliveryAsync(8, Channel.Email);
        var cancelled = await Cluster.Notice(9).CancelAsync();
        await Cluster.AdvanceAsync(Kst(5, 9, 29) - Kst(2, 10));
        var beforeTime = EmailsTo(8);
        await Cluster.AdvanceAsync(TimeSpan.FromMinutes(3));
        await Cluster.EventuallyAsync(() => EmailsTo(8) == 1, "the scheduled email arrives", 8);
        await Cluster.AdvanceAsync(TimeSpan.FromDays(2));

        Assert.Equal((NotificationStatus.Scheduled, Kst(5, 9, 30).UtcDateTime), (scheduled.Status, scheduled.NextAttemptAt));
        Assert.True(cancelled);
        Assert.Equal(0, beforeTime);
        Assert.Equal(0, EmailsTo(9));
        Assert.Equal(NotificationStatus.Cancelled, (await DeliveryAsync(9, Channel.Email)).Status);
    }

    [Fact]
    public async Task A_retry_pending_across_a_silo_restart_still_happens_once()
    {
        await StartAsync(Kst(2, 10));
        await Cluster.WriteBillAsync(10);
        Cluster.Smtp.RejectTransiently = 1;

        await Cluster.AcceptAsync(10);
        var waiting = await DeliveryAsync(10, Channel.Email);
        await Cluster.FlushLogAsync();
        var first = Cluster;
        await first.StopSiloAsync();
        _cluster = await NotificationCluster.StartAsync(Kst(2, 10), first.DatabasePath, first.Time, first.Smtp, first.Sms, first.Push);
        var recovered = await Cluster.Services.GetRequiredService<NotificationRecovery>().RecoverAsync(CancellationToken.None);
        await Cluster.AdvanceAsync(TimeSpan.FromMinutes(2));
        await Cluster.EventuallyAsync(() => EmailsTo(10) == 1, "the retried email arrives", 10);
        await Cluster.AdvanceAsync(TimeSpan.FromMinutes(15));

        Assert.Equal(NotificationStatus.RetryWait, waiting.Status);
        // A retry waits to a known time: the due-time scanner wakes it then, recovery does not touch it.
        Assert.Equal(new RecoveryCounts(0, 0), recovered);
        Assert.Equal(1, EmailsTo(10));
        var sent = await DeliveryAsync(10, Channel.Email);
        Assert.Equal((NotificationStatus.Sent, 2), (sent.Status, sent.Attempts));
    }
}
