using BillForU.Domain.Billing;
using BillForU.Domain.Customers;

namespace BillForU.Domain.Notifications;

/// <summary>
/// One bill's notice lifecycle, without I/O: a delivery per planned channel (primary first) and the one that is active.
/// Each method takes the time and any outside result, changes the notice, and says what its holder must do; the
/// holder persists the state, sends, logs and sets wake-ups.
/// </summary>
public sealed class Notice(List<NoticeDelivery> deliveries, int current, bool noUsableChannel)
{
    public const string NoUsableChannelError = "The user has disabled every channel.";

    public Notice()
        : this([], 0, false)
    {
    }

    public List<NoticeDelivery> Deliveries { get; private set; } = deliveries;

    public int Current { get; private set; } = current;

    /// <summary>The user has disabled every channel: the notice is dead-lettered, and a replay sends only once a channel is enabled again.</summary>
    public bool NoUsableChannel { get; private set; } = noUsableChannel;

    public NoticeDelivery? Active => Current < Deliveries.Count ? Deliveries[Current] : null;

    /// <summary>The active delivery is done with for good: sent, dead-lettered or cancelled.</summary>
    public bool HasEnded => Active is { Status: NotificationStatus.Sent or NotificationStatus.DeadLettered or NotificationStatus.Cancelled };

    /// <summary>A replay may run: nothing was sent, and a channel failed or was dead-lettered.</summary>
    public bool CanReplay => !Deliveries.Any(d => d.Status == NotificationStatus.Sent)
        && Deliveries.Any(d => d.Status is NotificationStatus.Failed or NotificationStatus.DeadLettered);

    /// <summary>
    /// Plans the channels from the user's preferences (<see cref="ChannelPlan"/>), each with its effective quiet window.
    /// A channel the delivery log already knows (<paramref name="known"/>) carries on from its row; otherwise, when
    /// <paramref name="schedule"/> is set, the primary waits for the user's preferred send instant, if one is ahead.
    /// The active delivery is the first sent or unfinished one, else the last.
    /// </summary>
    public static Notice Plan(
        IReadOnlyList<NotificationPreference> preferences,
        IReadOnlyDictionary<Channel, TimeWindow> systemQuietWindows,
        IReadOnlyList<NoticeDelivery> known,
        BillingMonth month,
        DateTimeOffset now,
        TimeZoneInfo zone,
        bool schedule = true)
    {
        var plan = ChannelPlan.For(preferences);
        if (plan.Channels.Count == 0)
        {
            return new Notice([new NoticeDelivery { Channel = Channel.Email, Status = NotificationStatus.Failed, LastError = NoUsableChannelError }], 0, true);
        }
        var deliveries = new List<NoticeDelivery>(plan.Channels.Count);
        foreach (var channel in plan.Channels)
        {
            var preference = preferences.FirstOrDefault(p => p.Channel == channel);
            var system = systemQuietWindows.TryGetValue(channel, out var w) ? new MessagePolicy(channel, true, w) : null;
            var window = QuietHoursPolicy.EffectiveWindow(preference?.QuietWindow, system);
            var delivery = new NoticeDelivery { Channel = channel, QuietStart = window?.Start, QuietEnd = window?.End };
            if (known.FirstOrDefault(k => k.Channel == channel) is { } row)
            {
                (delivery.Status, delivery.Attempts, delivery.LastError, delivery.NextAttemptAt, delivery.SentAt, delivery.ProviderMessageId) =
                    (row.Status, row.Attempts, row.LastError, row.NextAttemptAt, row.SentAt, row.ProviderMessageId);
            }
            else if (schedule && deliveries.Count == 0 && preference is not null
                && SendSchedule.PreferredInstant(month, preference.SendDay, preference.SendTime, now, zone) is { } at)
            {
                (delivery.Status, delivery.NextAttemptAt) = (NotificationStatus.Scheduled, at.UtcDateTime);
            }
            deliveries.Add(delivery);
        }
        var resumeAt = deliveries.FindIndex(d => d.Status == NotificationStatus.Sent || !d.IsFinished);
        return new Notice(deliveries, resumeAt >= 0 ? resumeAt : deliveries.Count - 1, false);
    }

    /// <summary>Decides the next step at <paramref name="now"/>, moving the notice as the step says.</summary>
    public NoticeStep Next(DateTimeOffset now, TimeZoneInfo zone)
    {
        if (Active is not { } delivery)
        {
            return new NoticeStep.Finished();
        }
        switch (delivery.Status)
        {
            case NotificationStatus.Sent or NotificationStatus.Cancelled or NotificationStatus.DeadLettered:
                return new NoticeStep.Finished();
            case NotificationStatus.Failed when Current + 1 < Deliveries.Count:
                Current++;
                return new NoticeStep.FellBack(Deliveries[Current]);
            case NotificationStatus.Failed:
                delivery.Status = NotificationStatus.DeadLettered;
                return new NoticeStep.DeadLettered(delivery);
            case NotificationStatus.Scheduled or NotificationStatus.Deferred or NotificationStatus.RetryWait
                when delivery.NextAttemptAt is { } due && due > now.UtcDateTime:
                return new NoticeStep.Wait(due, null);
        }
        if (QuietHoursPolicy.DeferUntil(now, delivery.QuietWindow, zone) is { } quietEnd)
        {
            (delivery.Status, delivery.NextAttemptAt) = (NotificationStatus.Deferred, quietEnd.UtcDateTime);
            return new NoticeStep.Wait(quietEnd.UtcDateTime, delivery);
        }
        delivery.Status = NotificationStatus.Sending;
        delivery.Attempts++;
        return new NoticeStep.Send(delivery);
    }

    /// <summary>
    /// Applies the result of the send <see cref="Next"/> asked for.
    /// </summary>
    /// <param name="random">A value in [0, 1) that places the retry's jitter.</param>
    /// <returns>
    /// The outcome to put on record: Sent, RetryWait (a transient failure with attempts left) or Failed. Null when the
    /// send never left the channel's rate-limit queue: that is no attempt, and the notice waits about as long as the
    /// queue ahead of it, spread so that a large backlog does not return all at once.
    /// </returns>
    public NotificationStatus? AfterSend(SendResult result, DateTime nowUtc, RetrySchedule retries, double random)
    {
        if (Active is not { Status: NotificationStatus.Sending } delivery)
        {
            throw new InvalidOperationException("No send is in progress.");
        }
        if (result.Outcome == SendOutcome.Throttled)
        {
            delivery.Attempts--;
            var wait = (result.RetryAfter ?? TimeSpan.FromSeconds(1)) * (1 + (0.5 * random));
            (delivery.Status, delivery.NextAttemptAt) = (NotificationStatus.RetryWait, nowUtc + wait);
            return null;
        }
        delivery.LastError = result.Error;
        if (result.Outcome == SendOutcome.Sent)
        {
            (delivery.Status, delivery.SentAt, delivery.ProviderMessageId, delivery.NextAttemptAt) = (NotificationStatus.Sent, nowUtc, result.ProviderMessageId, null);
            return NotificationStatus.Sent;
        }
        var delay = result.Outcome == SendOutcome.RetryLater ? retries.NextDelay(delivery.Attempts, result.RetryAfter, random) : null;
        (delivery.Status, delivery.NextAttemptAt) = delay is { } retryIn
            ? (NotificationStatus.RetryWait, nowUtc + retryIn)
            : (NotificationStatus.Failed, (DateTime?)null);
        return delivery.Status;
    }

    /// <summary>An operator moves the active delivery's send to <paramref name="atUtc"/>, unless it has started or ended.</summary>
    /// <returns>The rescheduled delivery, or null when it cannot be rescheduled.</returns>
    public NoticeDelivery? Reschedule(DateTime atUtc)
    {
        if (Active is not { Status: NotificationStatus.Scheduled or NotificationStatus.Cancelled or NotificationStatus.Pending or NotificationStatus.Deferred } delivery)
        {
            return null;
        }
        (delivery.Status, delivery.NextAttemptAt) = (NotificationStatus.Scheduled, DateTime.SpecifyKind(atUtc, DateTimeKind.Utc));
        return delivery;
    }

    /// <summary>An operator cancels a scheduled send.</summary>
    /// <returns>The cancelled delivery, or null when the active one is not scheduled.</returns>
    public NoticeDelivery? Cancel()
    {
        if (Active is not { Status: NotificationStatus.Scheduled } delivery)
        {
            return null;
        }
        (delivery.Status, delivery.NextAttemptAt) = (NotificationStatus.Cancelled, null);
        return delivery;
    }

    /// <summary>
    /// A replay starts the notice over on <paramref name="replanned"/> (planned from the user's preferences as they are
    /// now, without a schedule), unless the user has no usable channel left.
    /// </summary>
    /// <returns>Whether the notice starts over.</returns>
    public bool Replay(Notice replanned)
    {
        NoUsableChannel = replanned.NoUsableChannel;
        if (NoUsableChannel)
        {
            return false;
        }
        (Deliveries, Current) = (replanned.Deliveries, 0);
        return true;
    }
}
