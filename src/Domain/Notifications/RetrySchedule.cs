namespace BillForU.Domain.Notifications;

/// <summary>
/// How long to wait before the next attempt on a channel: exponential backoff (30 s, 2 min, 10 min by
/// default) with ±20 % jitter so retries of a mass failure do not return as one burst, never sooner
/// than the provider's own Retry-After.
/// </summary>
public sealed class RetrySchedule(int maxAttempts, IReadOnlyList<TimeSpan> backoff, double jitter = 0.2)
{
    public static readonly RetrySchedule Default = new(3, [TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10)]);

    public int MaxAttempts => maxAttempts;

    /// <param name="attemptsMade">Attempts already made on the channel, the failed one included.</param>
    /// <param name="random">A value in [0, 1) that places the jitter.</param>
    /// <returns>Null when the channel has used up its attempts.</returns>
    public TimeSpan? NextDelay(int attemptsMade, TimeSpan? retryAfter, double random)
    {
        if (attemptsMade >= maxAttempts)
        {
            return null;
        }
        var step = backoff[Math.Clamp(attemptsMade - 1, 0, backoff.Count - 1)];
        var jittered = step * (1 - jitter + 2 * jitter * random);
        return retryAfter is { } wait && wait > jittered ? wait : jittered;
    }
}
