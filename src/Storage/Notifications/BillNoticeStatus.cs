namespace BillForU.Storage.Notifications;

/// <summary>Where a settled bill's notice stands, over all its channels: what reconciliation counts.</summary>
public enum BillNoticeStatus
{
    /// <summary>Sent on some channel.</summary>
    Sent,

    /// <summary>Deferred by quiet hours or scheduled, until a known time.</summary>
    Waiting,

    /// <summary>Waiting for a retry after a failed attempt, until a known time.</summary>
    Retrying,

    /// <summary>Every channel failed, or none was usable: in the DLQ with its reason.</summary>
    DeadLettered,

    /// <summary>An operator cancelled its scheduled send.</summary>
    Cancelled,

    /// <summary>Taken but with no outcome on record yet (pending, mid-send, between a failure and its fallback).</summary>
    InFlight,

    /// <summary>Settled, but no notice record exists: not handed over.</summary>
    Missing,
}
