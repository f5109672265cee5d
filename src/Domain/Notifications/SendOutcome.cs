namespace BillForU.Domain.Notifications;

public enum SendOutcome
{
    /// <summary>The provider accepted the message.</summary>
    Sent = 1,

    /// <summary>A transient failure (timeout, 5xx, 429, connection loss): try again later.</summary>
    RetryLater = 2,

    /// <summary>The provider refused the message for good (bad address, 4xx): do not retry on this channel.</summary>
    Failed = 3,

    /// <summary>
    /// Never reached the provider: the send was still waiting for the channel's rate limit when the caller stopped
    /// waiting. Not an attempt; try again after <see cref="SendResult.RetryAfter"/>.
    /// </summary>
    Throttled = 4,
}
