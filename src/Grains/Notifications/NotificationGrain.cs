using BillForU.Domain.Billing;
using BillForU.Domain.Customers;
using BillForU.Domain.Notifications;
using BillForU.Grains.Interfaces;
using BillForU.Grains.Interfaces.Billing;
using BillForU.Grains.Interfaces.Notifications;
using BillForU.Storage.Notifications;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BillForU.Grains.Notifications;

/// <summary>
/// One bill's notice: a shell around the <see cref="Notice"/> lifecycle that loads it, applies events and send results,
/// persists it and performs what it decides. State is written before every send but the first of an event read for the first time
/// (in cluster mode; the embedded mode's state is process memory, see <see cref="NotificationOptions.WriteStateBeforeSend"/>),
/// and every send carries the notice's id as its idempotency key, so a crash between send and write can only repeat the
/// same message.
/// Waits (quiet hours, schedule, retry backoff) are a grain timer for the exact instant plus a reminder as
/// the durable backstop; the grain deactivates between waits so a million notices do not stay in memory.
/// </summary>
public sealed class NotificationGrain(
    [PersistentState("notification", Constants.GrainStorage)] IPersistentState<NotificationState> state,
    NoticeSender sender,
    IRecipientDirectory directory,
    DeliveryLogWriter log,
    NotificationMetrics metrics,
    IOptions<NotificationOptions> options,
    TimeProvider time,
    ILogger<NotificationGrain> logger) : Grain, INotificationGrain, IRemindable
{
    private const string WakeReminder = "notification-wake";
    private static readonly TimeSpan ReminderPeriod = TimeSpan.FromMinutes(1);

    private readonly NotificationOptions _options = options.Value;
    private RecipientSnapshot? _recipient;
    private IGrainTimer? _timer;
    private bool _stepped;
    private bool _firstSendUnwritten;

    private NotificationState State => state.State;

    private Notice Notice => State.Notice;

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    public Task<AcceptOutcome> AcceptAsync(BillEvent billEvent, RecipientSnapshot recipient, IReadOnlyList<DeliverySnapshot> known, bool mayBeRedelivered = true) =>
        StartOverOnFailureAsync(() => AcceptCoreAsync(billEvent, recipient, known, mayBeRedelivered));

    private async Task<AcceptOutcome> AcceptCoreAsync(BillEvent billEvent, RecipientSnapshot recipient, IReadOnlyList<DeliverySnapshot> known, bool mayBeRedelivered)
    {
        _recipient = recipient;
        if (State.Event is not null)
        {
            logger.DuplicateIgnored(billEvent.BillId);
            metrics.EventAccepted(duplicate: true);
            if (!_stepped)
            {
                await ResumeFromStateAsync(known);
            }
            await AcknowledgeAsync();
            return AcceptOutcome.Duplicate;
        }
        metrics.EventAccepted(duplicate: false);
        State.Event = billEvent;
        State.Notice = Plan(billEvent, recipient, known.Select(k => k.ToDelivery()).ToList());
        if (known.Count == 0 && Notice.Active is { Status: NotificationStatus.Scheduled } scheduled)
        {
            await SaveAsync(scheduled, NotificationStatus.Scheduled, null);
        }
        else if (known.Count == 0 && !_options.AcknowledgeAfterLogWritten)
        {
            // The bill is on record from the start, so a restart before its first send still finds it unfinished. Where
            // the event is acknowledged only after the notice's rows are written, the unacknowledged event is that record
            // (a restart gets it again), and a row written now would be replaced by the outcome's moments later.
            RecordState(Notice.Active!, null, null);
        }
        // No delivery before this one can have started a send, so there is no earlier attempt to put on record first:
        // should this silo die mid-send, the event comes again marked as a possible repeat (its offset is not
        // committed), and that delivery writes before it sends. A crash loop is still bounded, by one attempt more.
        _firstSendUnwritten = !mayBeRedelivered && known.Count == 0;
        try
        {
            await StepAsync();
        }
        finally
        {
            _firstSendUnwritten = false;
        }
        await AcknowledgeAsync();
        return known.Count > 0 ? AcceptOutcome.Recovered : AcceptOutcome.Accepted;
    }

    /// <summary>
    /// The event came again to an activation that has not driven the notice yet: the silo that took it first may have
    /// died mid-send or before its delivery log was written (so the event was never acknowledged). Whatever the log
    /// lacks is put on record from the persisted state, and an unfinished notice carries on — one caught mid-send goes
    /// out again as the same message (same notification id), never as a different one.
    /// </summary>
    private async Task ResumeFromStateAsync(IReadOnlyList<DeliverySnapshot> known)
    {
        for (var i = 0; i <= Notice.Current && i < Notice.Deliveries.Count; i++)
        {
            var delivery = Notice.Deliveries[i];
            if (known.FirstOrDefault(k => k.Channel == delivery.Channel) is not { } row || row.Status != delivery.Status || row.Attempts != delivery.Attempts)
            {
                RecordState(delivery, null, null);
            }
        }
        if (!Notice.HasEnded)
        {
            await StepAsync();
        }
    }

    private Task AcknowledgeAsync() => _options.AcknowledgeAfterLogWritten ? log.WhenWrittenAsync() : Task.CompletedTask;

    public Task<NotificationView?> GetAsync() => Task.FromResult(State.Event is { } e
        ? new NotificationView(e.BillId, e.UserId, e.BillingMonth, Notice.Deliveries.ConvertAll(d => d.ToSnapshot()), Notice.Current)
        : null);

    public async Task<bool> RetryAsync()
    {
        if (State.Event is not { } billEvent || !Notice.CanReplay)
        {
            return false;
        }
        // A replay follows the user's preferences as they are now: an operator who re-enabled a channel for a
        // user who had disabled them all can replay, and a replay never sends on a channel the user turned off.
        var found = await directory.GetRecipientsAsync([billEvent.UserId], CancellationToken.None);
        var windows = RecipientSnapshots.SystemWindows(await directory.GetMessagePoliciesAsync(CancellationToken.None));
        _recipient = found.TryGetValue(billEvent.UserId, out var recipient)
            ? recipient.ToSnapshot(windows)
            : new RecipientSnapshot(billEvent.UserId, null, null, [], windows);
        if (!Notice.Replay(Plan(billEvent, _recipient, [], schedule: false)))
        {
            return false;
        }
        await StepAsync();
        return true;
    }

    public async Task<bool> RescheduleAsync(DateTime atUtc)
    {
        if (Notice.Reschedule(atUtc) is not { } delivery)
        {
            return false;
        }
        await SaveAsync(delivery, NotificationStatus.Scheduled, null);
        await WakeAtAsync(delivery.NextAttemptAt!.Value);
        return true;
    }

    public async Task<bool> CancelAsync()
    {
        if (Notice.Cancel() is not { } delivery)
        {
            return false;
        }
        await SaveAsync(delivery, NotificationStatus.Cancelled, null);
        await StopWakingAsync();
        return true;
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => StartOverOnFailureAsync(async () =>
    {
        if (State.Event is null)
        {
            // State lost (an embedded restart): nothing to act on here; recovery re-delivers the event.
            await StopWakingAsync();
            return true;
        }
        await StepAsync();
        return true;
    });

    /// <summary>
    /// A step that failed (typically a state write while the grain store is unreachable) leaves this activation's memory
    /// ahead of the stored state — an event marked taken, a send marked done — so a retry would wrongly see a duplicate
    /// or a finished notice. The activation is dropped instead: the retry (a redelivered event, the next reminder tick)
    /// starts from the stored state, and a notice caught mid-send goes out again as the same message.
    /// </summary>
    private async Task<T> StartOverOnFailureAsync<T>(Func<Task<T>> step)
    {
        try
        {
            return await step();
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
    }

    private Notice Plan(BillEvent billEvent, RecipientSnapshot recipient, IReadOnlyList<NoticeDelivery> known, bool schedule = true)
    {
        var preferences = recipient.Preferences
            .Select(p => new NotificationPreference(recipient.UserId, p.Channel, p.Enabled, p.Priority,
                p.QuietStart is { } s && p.QuietEnd is { } e ? new TimeWindow(s, e) : null, p.SendDay, p.SendTime))
            .ToList();
        var systemWindows = recipient.SystemQuietWindows.ToDictionary(w => w.Key, w => new TimeWindow(w.Value.Start, w.Value.End));
        return Notice.Plan(preferences, systemWindows, known, BillingMonth.Parse(billEvent.BillingMonth), time.GetUtcNow(), _options.Zone, schedule);
    }

    /// <summary>Advances the notice as far as it can go now, then arranges the next wake-up, if any.</summary>
    private async Task StepAsync()
    {
        _stepped = true;
        while (true)
        {
            switch (Notice.Next(time.GetUtcNow(), _options.Zone))
            {
                case NoticeStep.Send send:
                    await SendAsync(send.Delivery);
                    continue;
                case NoticeStep.FellBack:
                    metrics.FellBack();
                    continue;
                case NoticeStep.Wait wait:
                    if (wait.Deferred is { } deferred)
                    {
                        await SaveAsync(deferred, NotificationStatus.Deferred, null);
                    }
                    await WakeAtAsync(wait.DueUtc);
                    return;
                case NoticeStep.DeadLettered dead:
                    await SaveAsync(dead.Delivery, NotificationStatus.DeadLettered, dead.Delivery.LastError);
                    logger.DeadLettered(State.Event!.BillId);
                    await StopWakingAsync();
                    return;
                default:
                    await StopWakingAsync();
                    return;
            }
        }
    }

    private async Task SendAsync(NoticeDelivery delivery)
    {
        if (_options.WriteStateBeforeSend && !_firstSendUnwritten)
        {
            await state.WriteStateAsync();
        }
        _firstSendUnwritten = false;

        metrics.SendStarted();
        SendResult result;
        try
        {
            if (delivery.Channel != Channel.Push)
            {
                _recipient ??= await ContactsAsync(State.Event!.UserId);
            }
            result = await sender.SendAsync(State.Event!, delivery, _recipient);
        }
        finally
        {
            metrics.SendEnded();
        }
        switch (Notice.AfterSend(result, Now, _options.Retries, Random.Shared.NextDouble()))
        {
            case null:
                await state.WriteStateAsync();
                metrics.Throttled(delivery.Channel);
                RecordState(delivery, null, null);
                break;
            case NotificationStatus.Sent:
                await SaveAsync(delivery, NotificationStatus.Sent, null);
                break;
            case { } failure:
                logger.AttemptFailed(State.Event!.BillId, delivery.Channel, delivery.Attempts, result.Error);
                await SaveAsync(delivery, failure, result.Error);
                break;
        }
    }

    /// <summary>The user's contacts for an activation that did not get them with the event (woken by a reminder).</summary>
    private async Task<RecipientSnapshot?> ContactsAsync(long userId)
    {
        var found = await directory.GetRecipientsAsync([userId], CancellationToken.None);
        return found.TryGetValue(userId, out var recipient)
            ? new RecipientSnapshot(recipient.UserId, recipient.EmailCipher, recipient.PhoneCipher, [], new Dictionary<Channel, QuietWindowSnapshot>())
            : null;
    }

    private async Task SaveAsync(NoticeDelivery delivery, NotificationStatus outcome, string? error)
    {
        await state.WriteStateAsync();
        metrics.Outcome(delivery.Channel, outcome);
        RecordState(delivery, outcome, error);
    }

    private void RecordState(NoticeDelivery delivery, NotificationStatus? outcome, string? error)
    {
        var billEvent = State.Event!;
        var now = Now;
        log.Record(
            new DeliveryState(billEvent.BillId, delivery.Channel, billEvent.UserId, billEvent.BillingMonth, delivery.Status,
                delivery.Attempts, delivery.LastError, delivery.NextAttemptAt, delivery.SentAt, delivery.ProviderMessageId, now),
            outcome is { } status
                ? new DeliveryAttempt(billEvent.BillId, delivery.Channel, delivery.Attempts, status, error, delivery.ProviderMessageId, now)
                : null);
    }

    private async Task WakeAtAsync(DateTime dueUtc)
    {
        var delay = dueUtc - Now;
        if (delay < TimeSpan.Zero)
        {
            delay = TimeSpan.Zero;
        }
        _timer?.Dispose();
        _timer = this.RegisterGrainTimer(
            _ => StartOverOnFailureAsync(async () =>
            {
                await StepAsync();
                return true;
            }),
            new GrainTimerCreationOptions { DueTime = delay, Period = Timeout.InfiniteTimeSpan, Interleave = false, KeepAlive = delay < ReminderPeriod });
        await this.RegisterOrUpdateReminder(WakeReminder, delay + TimeSpan.FromSeconds(5), ReminderPeriod);
        if (!State.HasReminder)
        {
            State.HasReminder = true;
            await state.WriteStateAsync();
        }
        if (delay >= ReminderPeriod)
        {
            // A long wait (quiet hours, a scheduled day) is the reminder's job; keeping the activation
            // would hold a million idle grains in memory overnight.
            DeactivateOnIdle();
        }
    }

    private async Task StopWakingAsync()
    {
        _timer?.Dispose();
        _timer = null;
        if (State.HasReminder)
        {
            if (await this.GetReminder(WakeReminder) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }
            State.HasReminder = false;
            await state.WriteStateAsync();
        }
        DeactivateOnIdle();
    }
}
