using System.Diagnostics;
using BillForU.Channels.RateLimiting;
using BillForU.Channels.Tests.Support;
using BillForU.Domain.Customers;
using Microsoft.Extensions.Logging.Abstractions;

namespace BillForU.Channels.Tests;

public sealed class RateLimitedChannelSenderTests
{
    [Fact]
    public async Task Sends_beyond_the_rate_queue_and_go_out_spread_over_time()
    {
        // 50 sends at 100/s: the bucket holds one refill (1 token), so the rest need at least 49/100 s.
        var inner = new CountingSender();
        await using var limited = new RateLimitedSmsSender(inner, permitsPerSecond: 100, NullLogger<RateLimitedSmsSender>.Instance);
        var watch = Stopwatch.StartNew();

        var results = await Task.WhenAll(Enumerable.Range(1, 50).Select(i => limited.SendAsync(Notices.For(i, "sms"), Notices.Phone, CancellationToken.None)));

        Assert.All(results, r => Assert.Equal(SendOutcome.Sent, r.Outcome));
        Assert.Equal(50, inner.Count);
        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(0.45), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void High_rates_refill_every_few_milliseconds_instead_of_once_a_second()
    {
        var options = PerSecondBucket.Options(2_000);

        Assert.Equal(20, options.TokensPerPeriod);
        Assert.Equal(20, options.TokenLimit);
        Assert.Equal(TimeSpan.FromMilliseconds(10), options.ReplenishmentPeriod);
        Assert.Equal(int.MaxValue, options.QueueLimit);
    }

    [Fact]
    public void Low_rates_refill_one_token_at_a_time()
    {
        var options = PerSecondBucket.Options(0.5);

        Assert.Equal(1, options.TokensPerPeriod);
        Assert.Equal(TimeSpan.FromSeconds(2), options.ReplenishmentPeriod);
    }

    [Fact]
    public async Task A_queued_send_that_is_cancelled_leaves_the_queue_and_is_never_sent()
    {
        var inner = new CountingSender();
        await using var limited = new RateLimitedSmsSender(inner, permitsPerSecond: 1, NullLogger<RateLimitedSmsSender>.Instance);
        await limited.SendAsync(Notices.For(1, "sms"), Notices.Phone, CancellationToken.None);
        using var caller = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => limited.SendAsync(Notices.For(2, "sms"), Notices.Phone, caller.Token));

        Assert.Equal(1, inner.Count);
    }

    private sealed class CountingSender : ISmsSender
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public Channel Channel => Channel.Sms;

        public Task<SendResult> SendAsync(BillNotice notice, string address, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _count);
            return Task.FromResult(SendResult.Sent(notice.NotificationId));
        }
    }
}
