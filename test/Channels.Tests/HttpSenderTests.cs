using BillForU.Domain.Notifications;
using System.Text.Json;
using BillForU.Channels.Tests.Support;
using BillForU.Channels.Extensions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace BillForU.Channels.Tests;

/// <summary>The SMS and push senders against a local provider endpoint that succeeds, fails, throttles or hangs.</summary>
public sealed class HttpSenderTests : IAsyncLifetime
{
    private readonly ProviderEndpoint _provider = ProviderEndpoint.Start();
    private ServiceProvider _services = null!;

    public Task InitializeAsync()
    {
        _services = ChannelServices.Build(
            ChannelServices.Live(sms: _provider.Endpoint, push: _provider.Endpoint, more: o =>
            {
                o.Sms.ApiKey = "sms-secret-key";
            }));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _provider.DisposeAsync();
    }

    private ISmsSender Sms => _services.GetRequiredService<ISmsSender>();

    private IPushSender Push => _services.GetRequiredService<IPushSender>();

    [Fact]
    public async Task Sms_is_posted_once_with_idempotency_key_api_key_and_text_and_sent_with_the_provider_id()
    {
        var result = await Sms.SendAsync(Notices.For(2026100000001, "sms"), Notices.Phone, CancellationToken.None);

        Assert.Equal(SendResult.Sent("prov-1"), result);
        var request = Assert.Single(_provider.Requests);
        Assert.Equal("2026100000001-sms", request.Headers["Idempotency-Key"]);
        Assert.Equal("sms-secret-key", request.Headers["X-Api-Key"]);
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal(Notices.Phone, body.RootElement.GetProperty("to").GetString());
        var text = body.RootElement.GetProperty("text").GetString();
        Assert.Contains("2026-10", text);
        Assert.Contains("45,300원", text);
        Assert.Contains("KRW 45,300", text);
        Assert.Contains("2026-11-25", text);
    }

    [Fact]
    public async Task Requests_carry_a_content_length_and_are_not_chunked()
    {
        // A streamed JSON body went out chunked: several socket writes a message, and refused by some gateways.
        await Sms.SendAsync(Notices.For(2026100000001, "sms"), Notices.Phone, CancellationToken.None);
        await Push.SendAsync(Notices.For(2026100000001, "push"), "1", CancellationToken.None);

        Assert.Equal(2, _provider.Requests.Count);
        foreach (var request in _provider.Requests)
        {
            Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(request.Body).ToString(System.Globalization.CultureInfo.InvariantCulture), request.Headers["Content-Length"]);
            Assert.False(request.Headers.ContainsKey("Transfer-Encoding"));
        }
    }

    [Fact]
    public async Task Push_posts_user_title_body_and_bill_without_an_api_key()
    {
        var result = await Push.SendAsync(Notices.For(2026100000002, "push"), "70002", CancellationToken.None);

        Assert.Equal(SendOutcome.Sent, result.Outcome);
        var request = Assert.Single(_provider.Requests);
        Assert.Equal("2026100000002-push", request.Headers["Idempotency-Key"]);
        Assert.False(request.Headers.ContainsKey("X-Api-Key"));
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal("70002", body.RootElement.GetProperty("userId").GetString());
        Assert.Equal(2026100000002, body.RootElement.GetProperty("billId").GetInt64());
        Assert.Contains("2026-10", body.RootElement.GetProperty("title").GetString());
        Assert.Contains("45,300원", body.RootElement.GetProperty("body").GetString());
    }

    [Fact]
    public async Task Provider_id_from_header_when_the_body_has_none()
    {
        _provider.Respond = _ => new(202, "", new Dictionary<string, string> { ["X-Message-Id"] = "hdr-9" });

        var result = await Sms.SendAsync(Notices.For(2026100000003, "sms"), Notices.Phone, CancellationToken.None);

        Assert.Equal(SendResult.Sent("hdr-9"), result);
    }

    [Fact]
    public async Task Server_error_is_retry_later_after_exactly_one_request()
    {
        _provider.Respond = _ => new(500);

        var result = await Sms.SendAsync(Notices.For(2026100000004, "sms"), Notices.Phone, CancellationToken.None);

        Assert.Equal(SendOutcome.RetryLater, result.Outcome);
        Assert.Contains("500", result.Error);
        Assert.Single(_provider.Requests);
    }

    [Fact]
    public async Task Too_many_requests_is_retry_later_with_retry_after_seconds()
    {
        _provider.Respond = _ => new(429, "", new Dictionary<string, string> { ["Retry-After"] = "7" });

        var result = await Sms.SendAsync(Notices.For(2026100000005, "sms"), Notices.Phone, CancellationToken.None);

        Assert.Equal(SendOutcome.RetryLater, result.Outcome);
        Assert.Equal(TimeSpan.FromSeconds(7), result.RetryAfter);
        Assert.Single(_provider.Requests);
    }

    [Fact]
    public async Task Too_many_requests_with_an_http_date_waits_until_that_date()
    {
        var until = DateTimeOffset.UtcNow.AddSeconds(90).ToString("r");
        _provider.Respond = _ => new(429, "", new Dictionary<string, string> { ["Retry-After"] = until });

        var result = await Push.SendAsync(Notices.For(2026100000006, "push"), "70006", CancellationToken.None);

        Assert.Equal(SendOutcome.RetryLater, result.Outcome);
        // The header has whole seconds, and a moment passed since it was written.
        Assert.InRange(result.RetryAfter!.Value, TimeSpan.FromSeconds(85), TimeSpan.FromSeconds(90));
    }

    [Theory]
    [InlineData(400)]
    [InlineData(404)]
    [InlineData(422)]
    public async Task Other_client_errors_are_failed(int status)
    {
        _provider.Respond = _ => new(status);

        var result = await Sms.SendAsync(Notices.For(2026100000007, "sms"), Notices.Phone, CancellationToken.None);

        Assert.Equal(SendOutcome.Failed, result.Outcome);
        Assert.Contains(status.ToString(System.Globalization.CultureInfo.InvariantCulture), result.Error);
    }

    [Fact]
    public async Task A_hung_provider_is_retry_later_after_the_timeout()
    {
        _provider.Respond = _ => null;
        await using var services = ChannelServices.Build(ChannelServices.Live(sms: _provider.Endpoint, more: o => o.Sms.Timeout = TimeSpan.FromMilliseconds(500)));
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var result = await services.GetRequiredService<ISmsSender>().SendAsync(Notices.For(2026100000008, "sms"), Notices.Phone, CancellationToken.None);

        Assert.Equal(SendOutcome.RetryLater, result.Outcome);
        Assert.Contains("did not answer", result.Error);
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(5));
        Assert.Single(_provider.Requests);
    }

    [Fact]
    public async Task A_hung_provider_times_out_on_the_real_clock_while_the_container_has_a_fake_one()
    {
        // Broke: the resilience pipeline took the container's TimeProvider, so under a fake clock a hang never ended.
        _provider.Respond = _ => null;
        var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(new FakeTimeProvider())
            .AddNotificationChannels(ChannelServices.Live(sms: _provider.Endpoint, more: o => o.Sms.Timeout = TimeSpan.FromMilliseconds(300)));
        await using var provider = services.BuildServiceProvider();
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        var result = await provider.GetRequiredService<ISmsSender>().SendAsync(Notices.For(2026100000011, "sms"), Notices.Phone, guard.Token);

        Assert.Equal(SendOutcome.RetryLater, result.Outcome);
    }

    [Fact]
    public async Task Provider_down_is_retry_later()
    {
        await using var services = ChannelServices.Build(ChannelServices.Live(sms: new Uri($"http://127.0.0.1:{FreePort.Next()}/sms")));

        var result = await services.GetRequiredService<ISmsSender>().SendAsync(Notices.For(2026100000009, "sms"), Notices.Phone, CancellationToken.None);

        Assert.Equal(SendOutcome.RetryLater, result.Outcome);
    }

    [Fact]
    public async Task The_callers_cancellation_propagates_instead_of_becoming_an_outcome()
    {
        _provider.Respond = _ => null;
        using var caller = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => Push.SendAsync(Notices.For(2026100000010, "push"), "70010", caller.Token));
    }
}
