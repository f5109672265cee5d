using BillForU.Domain.Notifications;
using System.Threading.RateLimiting;
using BillForU.Channels.Logging;
using BillForU.Domain.Customers;
using Microsoft.Extensions.Logging;

namespace BillForU.Channels.RateLimiting;

/// <summary>
/// Holds each send until the channel's token bucket has a permit, then hands it to the real sender. A send waits in
/// line rather than being refused. The caller's token bounds only the wait: a send still queued when it fires is
/// <see cref="SendOutcome.Throttled"/> — not an attempt, so an 08:00 backlog behind a low rate burns no retries — and
/// is told roughly how long the queue ahead of it will take. Once a permit is granted, the provider call has its own
/// full time limit, however long the queue took.
/// </summary>
internal abstract class RateLimitedChannelSender : IChannelSender, IAsyncDisposable
{
    private readonly IChannelSender _inner;
    private readonly double _permitsPerSecond;
    private readonly TimeSpan _callTimeout;
    private readonly TokenBucketRateLimiter _limiter;

    protected RateLimitedChannelSender(IChannelSender inner, double permitsPerSecond, TimeSpan callTimeout, ILogger logger)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(callTimeout, TimeSpan.Zero);
        _inner = inner;
        _permitsPerSecond = permitsPerSecond;
        _callTimeout = callTimeout;
        var options = PerSecondBucket.Options(permitsPerSecond);
        _limiter = new TokenBucketRateLimiter(options);
        logger.RateLimited(inner.Channel, permitsPerSecond, options.TokensPerPeriod, options.ReplenishmentPeriod);
    }

    public Channel Channel => _inner.Channel;

    public async Task<SendResult> SendAsync(BillNotice notice, string address, CancellationToken cancellationToken)
    {
        RateLimitLease lease;
        try
        {
            lease = await _limiter.AcquireAsync(1, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return SendResult.Throttled($"{Channel} rate limit: still queued when the caller stopped waiting.", QueueDrainTime());
        }
        using (lease)
        {
            if (!lease.IsAcquired)
            {
                // Only past int.MaxValue queued sends.
                return SendResult.Throttled($"{Channel} rate limit queue is full.", QueueDrainTime());
            }
            using var call = new CancellationTokenSource(_callTimeout);
            try
            {
                return await _inner.SendAsync(notice, address, call.Token);
            }
            catch (OperationCanceledException) when (call.IsCancellationRequested)
            {
                return SendResult.Retry($"The {Channel} provider did not answer within {_callTimeout.TotalSeconds:F0} s.");
            }
        }
    }

    /// <summary>How long the sends queued now need at the channel's rate: when a throttled send should come back.</summary>
    private TimeSpan QueueDrainTime() =>
        TimeSpan.FromSeconds(Math.Max(1, (_limiter.GetStatistics()?.CurrentQueuedCount ?? 0) / _permitsPerSecond));

    /// <summary>Stops the refill timer; the inner sender belongs to the container and is disposed by it.</summary>
    public ValueTask DisposeAsync() => _limiter.DisposeAsync();
}
