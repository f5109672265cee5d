using System.Threading.RateLimiting;

namespace BillForU.Channels.RateLimiting;

/// <summary>
/// A token bucket that releases <c>permitsPerSecond</c> evenly: a few tokens every few milliseconds rather than a
/// second's worth at once, with no burst beyond one refill, and an unbounded first-come queue so a backlog (the
/// 08:00 quiet-hour release) drains at the rate instead of being refused.
/// </summary>
internal static class PerSecondBucket
{
    // Refill at most every 10 ms: finer is timer noise, coarser lets bursts through at high rates.
    private const double RefillsPerSecond = 100;

    public static TokenBucketRateLimiterOptions Options(double permitsPerSecond)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(permitsPerSecond);
        var tokensPerPeriod = (int)Math.Max(1, Math.Ceiling(permitsPerSecond / RefillsPerSecond));
        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = tokensPerPeriod,
            TokensPerPeriod = tokensPerPeriod,
            ReplenishmentPeriod = TimeSpan.FromSeconds(tokensPerPeriod / permitsPerSecond),
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        };
    }
}
