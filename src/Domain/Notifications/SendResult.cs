namespace BillForU.Domain.Notifications;

/// <param name="RetryAfter">The provider's own wait (HTTP Retry-After), when it gave one.</param>
public sealed record SendResult(SendOutcome Outcome, string? ProviderMessageId, string? Error, TimeSpan? RetryAfter)
{
    public static SendResult Sent(string providerMessageId) => new(SendOutcome.Sent, providerMessageId, null, null);

    public static SendResult Retry(string error, TimeSpan? retryAfter = null) => new(SendOutcome.RetryLater, null, error, retryAfter);

    public static SendResult Failed(string error) => new(SendOutcome.Failed, null, error, null);

    public static SendResult Throttled(string reason, TimeSpan retryAfter) => new(SendOutcome.Throttled, null, reason, retryAfter);
}
