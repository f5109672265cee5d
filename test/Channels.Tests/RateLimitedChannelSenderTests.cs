using BillForU.Domain.Notifications;
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
        await using var limited = new RateLimitedSmsSender(inner, permitsPerSecond: 100, TimeSpan.FromSeconds(10), NullLogger<RateLimitedSmsSender>.Instance);
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
    public async Task A_send_still_queued_when_the_caller_stops_waiting_is_throttled_never_sent_and_told_the_queue_time()
    {
        var inner = new CountingSender();
        await using var limited = new RateLimitedSmsSender(inner, permitsPerSecond: 1, TimeSpan.FromSeconds(10), NullLogger<RateLimitedSmsSender>.Instance);
        await limited.SendAsync(Notices.For(1, "sms"), Notices.Phone, CancellationToken.None);
        // Three more sends queue behind the spent token; at 1/s the queue needs about 3 s to drain.
        var queued = Enumerable.Range(2, 3).Select(i => limited.SendAsync(Notices.For(i, "sms"), Notices.Phone, CancellationToken.None)).ToArray();
        using var caller = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        var result = await limited.SendAsync(Notices.For(9, "sms"), Notices.Phone, caller.Token);

        Assert.Equal(SendOutcome.Throttled, result.Outcome);
        Assert.Null(result.ProviderMessageId);
        Assert.InRange(result.RetryAfter!.Value, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(4));
        await Task.WhenAll(queued);
        Assert.Equal(4, inner.Count);
        Assert.DoesNotContain("9", inner.Sent);
    }

    [Fact]
    public async Task The_provider_call_gets_its_own_time_limit_after_the_queue_and_a_slow_one_is_a_transient_failure()
    {
        var slow = new CountingSender(TimeSpan.FromSeconds(30));
        await using var limited = new RateLimitedSmsSender(slow, permitsPerSecond: 100, TimeSpan.FromMilliseconds(200), NullLogger<RateLimitedSmsSender>.Instance);

        var result = await limited.SendAsync(Notices.For(1, "sms"), Notices.Phone, CancellationToken.None);

        Assert.Equal(SendOutcome.RetryLater, result.Outcome);
        Assert.Contains("did not answer", result.Error);
    }

    private sealed class CountingSender(TimeSpan? delay = null) : ISmsSender
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _sent = new();

        public int Count => _sent.Count;

        public IEnumerable<string> Sent => _sent;

        public Channel Channel => Channel.Sms;

        public async Task<SendResult> SendAsync(BillNotice notice, string address, CancellationToken cancellationToken)
        {
            if (delay is { } wait)
            {
                await Task.Delay(wait, cancellationToken);
            }
            _sent.Enqueue(notice.BillId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return SendResult.Sent(notice.NotificationId);
        }
    }
}
