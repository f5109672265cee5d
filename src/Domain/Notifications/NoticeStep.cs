namespace BillForU.Domain.Notifications;

/// <summary>What the holder of a <see cref="Notice"/> must do next, as <see cref="Notice.Next"/> decides it.</summary>
public abstract record NoticeStep
{
    private NoticeStep()
    {
    }

    /// <summary>Send on <paramref name="Delivery"/> now; it is marked Sending with one attempt more.</summary>
    public sealed record Send(NoticeDelivery Delivery) : NoticeStep;

    /// <summary>Come back at <paramref name="DueUtc"/>. <paramref name="Deferred"/> is the delivery just deferred by quiet hours (its new status to put on record), or null when the wait was already on record.</summary>
    public sealed record Wait(DateTime DueUtc, NoticeDelivery? Deferred) : NoticeStep;

    /// <summary>The primary failed for good and the fallback is now active: step again.</summary>
    public sealed record FellBack(NoticeDelivery Fallback) : NoticeStep;

    /// <summary>The last channel failed for good: the notice is dead-lettered with that channel's error.</summary>
    public sealed record DeadLettered(NoticeDelivery Delivery) : NoticeStep;

    /// <summary>Nothing more to do: sent, cancelled or dead-lettered.</summary>
    public sealed record Finished : NoticeStep;
}
