using System.Security.Cryptography;
using BillForU.Channels;
using BillForU.Domain.Billing;
using BillForU.Domain.Customers;
using BillForU.Domain.Notifications;
using BillForU.Domain.Security;
using BillForU.Grains.Interfaces;
using BillForU.Grains.Interfaces.Billing;
using BillForU.Grains.Interfaces.Notifications;
using BillForU.Storage.Notifications;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BillForU.Grains.Notifications;

/// <summary>
/// One bill's notice (design §4). State is written before every send but the first of an event read for the first time
/// (in cluster mode; the embedded mode's state is process memory, see <see cref="NotificationOptions.WriteStateBeforeSend"/>),
/// and every send carries the notice's id as its idempotency key, so a crash between send and write can only repeat the
/// same message.
/// Waits (quiet hours, schedule, retry backoff) are a grain timer for the exact instant plus a reminder as
/// the durable backstop; the grain deactivates between waits so a million notices do not stay in memory.
/// </summary>
public sealed class NotificationGrain(
    [PersistentState("notification", Constants.GrainStorage)] IPersistentState<NotificationState> state,
    IEnumerable<IChannelSender> senders,
    IRecipientDirectory directory,
    ContactCipher cipher,
    DeliveryLogWriter log,
    SendDeadlines deadlines,
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
        State.Deliveries = PlanDeliveries(billEvent, recipient, known);
        var resumeAt = State.Deliveries.FindIndex(d => d.Status == NotificationStatus.Sent || !d.IsFinished);
        State.Current = resumeAt >= 0 ? resumeAt : State.Deliveries.Count - 1;
        if (known.Count == 0 && State.Deliveries[State.Current] is { Status: NotificationStatus.Scheduled } scheduled)
        {
            await SaveAsync(scheduled, NotificationStatus.Scheduled, null);
        }
        else if (known.Count == 0 && !_options.AcknowledgeAfterLogWritten)
        {
            // The bill is on record from the start, so a restart before its first send still finds it unfinished. Where
            // the event is acknowledged only after the notice's rows are written, the unacknowledged event is that record
            // (a restart gets it again), and a row written now would be replaced by the outcome's moments later.
            RecordState(State.Deliveries[State.Current], null, null);
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
        for (var i = 0; i <= State.Current && i < State.Deliveries.Count; i++)
        {
            var delivery = State.Deliveries[i];
            if (known.FirstOrDefault(k => k.Channel == delivery.Channel) is not { } row || row.Status != delivery.Status || row.Attempts != delivery.Attempts)
            {
                RecordState(delivery, null, null);
            }
        }
        if (Active() is not { Status: NotificationStatus.Sent or NotificationStatus.DeadLettered or NotificationStatus.Cancelled })
        {
            await StepAsync();
        }
    }

    private Task AcknowledgeAsync() => _options.AcknowledgeAfterLogWritten ? log.WhenWrittenAsync() : Task.CompletedTask;

    public Task<NotificationView?> GetAsync() => Task.FromResult(State.Event is { } e
        ? new NotificationView(e.BillId, e.UserId, e.BillingMonth, State.Deliveries.ConvertAll(d => d.ToSnapshot()), State.Current)
        : null);

    public async Task<bool> RetryAsync()
    {
        if (State.Event is not { } billEvent || State.Deliveries.Any(d => d.Status == NotificationStatus.Sent)
            || !State.Deliveries.Any(d => d.Status is NotificationStatus.Failed or NotificationStatus.DeadLettered))
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
        var replanned = PlanDeliveries(billEvent, _recipient, [], schedule: false);
        if (State.NoUsableChannel)
        {
            return false;
        }
        State.Deliveries = replanned;
        State.Current = 0;
        await StepAsync();
        return true;
    }

    public async Task<bool> RescheduleAsync(DateTime atUtc)
    {
        if (Active() is not { Status: NotificationStatus.Scheduled or NotificationStatus.Cancelled or NotificationStatus.Pending or NotificationStatus.Deferred } delivery)
        {
            return false;
        }
        (delivery.Status, delivery.NextAttemptAt) = (NotificationStatus.Scheduled, DateTime.SpecifyKind(atUtc, DateTimeKind.Utc));
        await SaveAsync(delivery, NotificationStatus.Scheduled, null);
        await WakeAtAsync(delivery.NextAttemptAt.Value);
        return true;
    }

    public async Task<bool> CancelAsync()
    {
        if (Active() is not { Status: NotificationStatus.Scheduled } delivery)
        {
            return false;
        }
        (delivery.Status, delivery.NextAttemptAt) = (NotificationStatus.Cancelled, null);
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

    private ChannelDelivery? Active() => State.Current < State.Deliveries.Count ? State.Deliveries[State.Current] : null;

    private List<ChannelDelivery> PlanDeliveries(BillEvent billEvent, RecipientSnapshot recipient, IReadOnlyList<DeliverySnapshot> known, bool schedule = true)
    {
        var preferences = recipient.Preferences
            .Select(p => new NotificationPreference(recipient.UserId, p.Channel, p.Enabled, p.Priority,
                p.QuietStart is { } s && p.QuietEnd is { } e ? new TimeWindow(s, e) : null, p.SendDay, p.SendTime))
            .ToList();
        var plan = ChannelPlan.For(preferences);
        State.NoUsableChannel = plan.Channels.Count == 0;
        if (State.NoUsableChannel)
        {
            return [new ChannelDelivery { Channel = Channel.Email, Status = NotificationStatus.Failed, LastError = "The user has disabled every channel." }];
        }
        var deliveries = new List<ChannelDelivery>(plan.Channels.Count);
        foreach (var channel in plan.Channels)
        {
            var preference = preferences.FirstOrDefault(p => p.Channel == channel);
            var system = recipient.SystemQuietWindows.TryGetValue(channel, out var w) ? new MessagePolicy(channel, true, new TimeWindow(w.Start, w.End)) : null;
            var window = QuietHoursPolicy.EffectiveWindow(preference?.QuietWindow, system);
            var delivery = new ChannelDelivery { Channel = channel, QuietStart = window?.Start, QuietEnd = window?.End };
            if (known.FirstOrDefault(k => k.Channel == channel) is { } row)
            {
                (delivery.Status, delivery.Attempts, delivery.LastError, delivery.NextAttemptAt, delivery.SentAt, delivery.ProviderMessageId) =
                    (row.Status, row.Attempts, row.LastError, row.NextAttemptAt, row.SentAt, row.ProviderMessageId);
            }
            else if (schedule && deliveries.Count == 0 && preference is not null
                && SendSchedule.PreferredInstant(BillingMonth.Parse(billEvent.BillingMonth), preference.SendDay, preference.SendTime, time.GetUtcNow(), _options.Zone) is { } at)
            {
                (delivery.Status, delivery.NextAttemptAt) = (NotificationStatus.Scheduled, at.UtcDateTime);
            }
            deliveries.Add(delivery);
        }
        return deliveries;
    }

    /// <summary>Advances the notice as far as it can go now, then arranges the next wake-up, if any.</summary>
    private async Task StepAsync()
    {
        _stepped = true;
        while (Active() is { } delivery)
        {
            switch (delivery.Status)
            {
                case NotificationStatus.Sent or NotificationStatus.Cancelled or NotificationStatus.DeadLettered:
                    await StopWakingAsync();
                    return;
                case NotificationStatus.Failed:
                    if (State.Current + 1 < State.Deliveries.Count)
                    {
                        State.Current++;
                        metrics.FellBack();
                        continue;
                    }
                    delivery.Status = NotificationStatus.DeadLettered;
                    await SaveAsync(delivery, NotificationStatus.DeadLettered, delivery.LastError);
                    logger.DeadLettered(State.Event!.BillId);
                    await StopWakingAsync();
                    return;
                case NotificationStatus.Scheduled or NotificationStatus.Deferred or NotificationStatus.RetryWait
                    when delivery.NextAttemptAt is { } due && due > Now:
                    await WakeAtAsync(due);
                    return;
            }

            if (QuietHoursPolicy.DeferUntil(time.GetUtcNow(), delivery.QuietWindow, _options.Zone) is { } quietEnd)
            {
                (delivery.Status, delivery.NextAttemptAt) = (NotificationStatus.Deferred, quietEnd.UtcDateTime);
                await SaveAsync(delivery, NotificationStatus.Deferred, null);
                await WakeAtAsync(quietEnd.UtcDateTime);
                return;
            }
            await SendAsync(delivery);
        }
        await StopWakingAsync();
    }

    private async Task SendAsync(ChannelDelivery delivery)
    {
        delivery.Status = NotificationStatus.Sending;
        delivery.Attempts++;
        if (_options.WriteStateBeforeSend && !_firstSendUnwritten)
        {
            await state.WriteStateAsync();
        }
        _firstSendUnwritten = false;

        metrics.SendStarted();
        SendResult result;
        try
        {
            result = await SendOnceAsync(delivery);
        }
        finally
        {
            metrics.SendEnded();
        }
        if (result.Outcome == SendOutcome.Throttled)
        {
            await ComeBackAfterQueueAsync(delivery, result.RetryAfter ?? TimeSpan.FromSeconds(1));
            return;
        }
        delivery.LastError = result.Error;
        if (result.Outcome == SendOutcome.Sent)
        {
            (delivery.Status, delivery.SentAt, delivery.ProviderMessageId, delivery.NextAttemptAt) = (NotificationStatus.Sent, Now, result.ProviderMessageId, null);
            await SaveAsync(delivery, NotificationStatus.Sent, null);
            return;
        }
        logger.AttemptFailed(State.Event!.BillId, delivery.Channel, delivery.Attempts, result.Error);
        var delay = result.Outcome == SendOutcome.RetryLater
            ? _options.Retries.NextDelay(delivery.Attempts, result.RetryAfter, Random.Shared.NextDouble())
            : null;
        if (delay is { } wait)
        {
            (delivery.Status, delivery.NextAttemptAt) = (NotificationStatus.RetryWait, Now + wait);
            await SaveAsync(delivery, NotificationStatus.RetryWait, result.Error);
        }
        else
        {
            (delivery.Status, delivery.NextAttemptAt) = (NotificationStatus.Failed, null);
            await SaveAsync(delivery, NotificationStatus.Failed, result.Error);
        }
    }

    /// <summary>
    /// The send never left the channel's rate-limit queue: it is no attempt, so it is taken back, and the notice
    /// waits about as long as the queue ahead of it (spread, so a large backlog does not return all at once).
    /// </summary>
    private async Task ComeBackAfterQueueAsync(ChannelDelivery delivery, TimeSpan queueTime)
    {
        delivery.Attempts--;
        var wait = queueTime * (1 + (0.5 * Random.Shared.NextDouble()));
        (delivery.Status, delivery.NextAttemptAt) = (NotificationStatus.RetryWait, Now + wait);
        await state.WriteStateAsync();
        metrics.Throttled(delivery.Channel);
        RecordState(delivery, null, null);
    }

    private async Task<SendResult> SendOnceAsync(ChannelDelivery delivery)
    {
        var billEvent = State.Event!;
        var sender = senders.FirstOrDefault(s => s.Channel == delivery.Channel);
        if (sender is null)
        {
            return SendResult.Failed($"No {delivery.Channel} sender is configured.");
        }
        string address;
        try
        {
            address = await AddressAsync(delivery.Channel, billEvent);
        }
        catch (CryptographicException e)
        {
            logger.ContactUnreadable(billEvent.BillId, billEvent.UserId, delivery.Channel, e.Message);
            return SendResult.Failed($"The {delivery.Channel} contact cannot be decrypted: {e.Message}");
        }
        var lines = billEvent.Lines;
        var notice = new BillNotice(
            NotificationIds.For(billEvent.BillId, delivery.Channel), billEvent.BillId, billEvent.UserId, billEvent.BillingMonth,
            billEvent.TotalAmount, billEvent.IssuedAt, billEvent.DueDate,
            new BillTotals(lines.BaseFee, lines.AddonFee, lines.DeviceFee, lines.MicroPayment, lines.Discount, lines.Vat));
        var deadline = deadlines.Next();
        try
        {
            var result = await sender.SendAsync(notice, address, deadline);
            if (result.Outcome == SendOutcome.Sent && logger.IsEnabled(LogLevel.Debug))
            {
                logger.Sent(billEvent.BillId, delivery.Channel, ContactMasking.MaskFor(delivery.Channel, address), delivery.Attempts);
            }
            return result;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            return SendResult.Retry($"The {delivery.Channel} provider did not answer within {_options.SendTimeout.TotalSeconds:F0} s.");
        }
    }

    private async Task<string> AddressAsync(Channel channel, BillEvent billEvent)
    {
        if (channel == Channel.Push)
        {
            return billEvent.UserId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        if (_recipient is null)
        {
            var found = await directory.GetRecipientsAsync([billEvent.UserId], CancellationToken.None);
            if (!found.TryGetValue(billEvent.UserId, out var recipient))
            {
                throw new CryptographicException($"User {billEvent.UserId} no longer exists.");
            }
            _recipient = new RecipientSnapshot(recipient.UserId, recipient.EmailCipher, recipient.PhoneCipher, [], new Dictionary<Channel, QuietWindowSnapshot>());
        }
        return channel == Channel.Email
            ? cipher.Decrypt(_recipient.EmailCipher ?? throw new CryptographicException("No email address."), ContactColumns.Email)
            : cipher.Decrypt(_recipient.PhoneCipher ?? throw new CryptographicException("No phone number."), ContactColumns.Phone);
    }

    private async Task SaveAsync(ChannelDelivery delivery, NotificationStatus outcome, string? error)
    {
        await state.WriteStateAsync();
        metrics.Outcome(delivery.Channel, outcome);
        RecordState(delivery, outcome, error);
    }

    private void RecordState(ChannelDelivery delivery, NotificationStatus? outcome, string? error)
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
