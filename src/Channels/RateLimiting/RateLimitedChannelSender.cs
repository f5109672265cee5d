using System.Threading.RateLimiting;
using BillForU.Channels.Logging;
using BillForU.Domain.Customers;
using Microsoft.Extensions.Logging;

namespace BillForU.Channels.RateLimiting;

/// <summary>
/// Holds each send until the channel's token bucket has a permit, then hands it to the real sender. A send waits in
/// line rather than being refused; the wait counts against the caller's cancellation token, so a caller that gives
/// up leaves the queue and nothing is sent.
/// </summary>
internal abstract class RateLimitedChannelSender : IChannelSender, IAsyncDisposable
{
    private readonly IChannelSender _inner;
    private readonly TokenBucketRateLimiter _limiter;

    protected RateLimitedChannelSender(IChannelSender inner, double permitsPerSecond, ILogger logger)
    {
        _inner = inner;
        var options = PerSecondBucket.Options(permitsPerSecond);
        _limiter = new TokenBucketRateLimiter(options);
        logger.RateLimited(inner.Channel, permitsPerSecond, options.TokensPerPeriod, options.ReplenishmentPeriod);
    }

    public Channel Channel => _inner.Channel;

    public async Task<SendResult> SendAsync(BillNotice notice, string address, CancellationToken cancellationToken)
    {
        using var lease = await _limiter.AcquireAsync(1, cancellationToken);
        if (!lease.IsAcquired)
        {
            // Only past int.MaxValue queued sends: come back when the limiter says.
            lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter);
            return SendResult.Retry($"{Channel} rate limit queue is full.", retryAfter);
        }
        return await _inner.SendAsync(notice, address, cancellationToken);
    }

    /// <summary>Stops the refill timer; the inner sender belongs to the container and is disposed by it.</summary>
    public ValueTask DisposeAsync() => _limiter.DisposeAsync();
}
