using BillForU.Domain.Notifications;
using BillForU.Channels.Configuration;
using BillForU.Channels.Tests.Support;
using BillForU.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace BillForU.Channels.Tests;

/// <summary>The SMTP sender against a real SMTP server (SmtpServer 11) on loopback.</summary>
public sealed class SmtpEmailSenderTests : IAsyncLifetime
{
    private readonly CapturedLogs _logs = new();
    private SmtpCapture _smtp = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _smtp = await SmtpCapture.StartAsync();
        _services = ChannelServices.Build(ChannelServices.Live(_smtp.Port, more: o => o.Smtp.PoolSize = 2), _logs);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    private IEmailSender Sender => _services.GetRequiredService<IEmailSender>();

    [Fact]
    public async Task Notice_arrives_with_text_and_html_parts_totals_and_a_message_id_from_the_notification_id()
    {
        var result = await Sender.SendAsync(Notices.For(2026100000001), Notices.Email, CancellationToken.None);

        Assert.Equal(SendOutcome.Sent, result.Outcome);
        Assert.Equal("<2026100000001-email@billforu>", result.ProviderMessageId);
        var message = Assert.Single(_smtp.MessagesTo(Notices.Email));
        Assert.Equal("2026100000001-email@billforu", message.MessageId);
        Assert.Equal(SmtpOptions.DefaultFromAddress, message.From.Mailboxes.Single().Address);
        Assert.Contains("2026-10", message.Subject);
        Assert.Contains("45,300원", message.Subject);
        foreach (var body in new[] { message.TextBody, message.HtmlBody })
        {
            Assert.NotNull(body);
            Assert.Contains("45,300원", body);
            Assert.Contains("39,000원", body);
            Assert.Contains("5,500원", body);
            Assert.Contains("2,000원", body);
            Assert.Contains("-5,318원", body);
            Assert.Contains("4,118원", body);
            Assert.Contains("2026-11-01", body);
            Assert.Contains("2026-11-25", body);
        }
        Assert.Contains("<table", message.HtmlBody);
        Assert.IsType<MultipartAlternative>(message.Body);
    }

    [Fact]
    public async Task Notices_sent_one_after_another_and_at_once_each_carry_only_their_own_recipient_id_and_bill()
    {
        // Message structures are reused between notices: nothing of one notice may leak into the next.
        var bills = Enumerable.Range(0, 40).Select(i => 2026100000100L + i).ToArray();
        foreach (var bill in bills[..10])
        {
            await Sender.SendAsync(Notices.For(bill), $"user{bill}@test.com", CancellationToken.None);
        }
        await Task.WhenAll(bills[10..].Select(bill => Sender.SendAsync(Notices.For(bill), $"user{bill}@test.com", CancellationToken.None)));

        foreach (var bill in bills)
        {
            var message = Assert.Single(_smtp.MessagesTo($"user{bill}@test.com"));
            Assert.Equal($"user{bill}@test.com", Assert.Single(message.To.Mailboxes).Address);
            Assert.Equal($"{bill}-email@billforu", message.MessageId);
            Assert.Contains($"Bill no. {bill}", message.TextBody);
            Assert.Contains($"Bill no. {bill}", message.HtmlBody);
        }
    }

    [Fact]
    public async Task A_resend_carries_the_same_message_id()
    {
        var notice = Notices.For(2026100000002);

        await Sender.SendAsync(notice, Notices.Email, CancellationToken.None);
        await Sender.SendAsync(notice, Notices.Email, CancellationToken.None);

        var messages = _smtp.MessagesTo(Notices.Email);
        Assert.Equal(2, messages.Count);
        Assert.All(messages, m => Assert.Equal("2026100000002-email@billforu", m.MessageId));
    }

    [Fact]
    public async Task Permanent_refusal_550_is_failed()
    {
        _smtp.RejectPermanently = true;

        var result = await Sender.SendAsync(Notices.For(2026100000003), Notices.Email, CancellationToken.None);

        Assert.Equal(SendOutcome.Failed, result.Outcome);
        Assert.Contains("550", result.Error);
        Assert.Empty(_smtp.Messages);
    }

    [Fact]
    public async Task Transient_refusal_is_retry_later_and_the_next_send_goes_through()
    {
        _smtp.RejectTransiently = 1;

        var refused = await Sender.SendAsync(Notices.For(2026100000004), Notices.Email, CancellationToken.None);
        var accepted = await Sender.SendAsync(Notices.For(2026100000004), Notices.Email, CancellationToken.None);

        Assert.Equal(SendOutcome.RetryLater, refused.Outcome);
        Assert.Equal(SendOutcome.Sent, accepted.Outcome);
        Assert.Single(_smtp.Messages);
    }

    [Fact]
    public async Task Relay_down_is_retry_later_and_logged_once()
    {
        await using var services = ChannelServices.Build(ChannelServices.Live(FreePort.Next()), _logs);
        var sender = services.GetRequiredService<IEmailSender>();

        var first = await sender.SendAsync(Notices.For(2026100000005), Notices.Email, CancellationToken.None);
        var second = await sender.SendAsync(Notices.For(2026100000006), Notices.Email, CancellationToken.None);

        Assert.Equal(SendOutcome.RetryLater, first.Outcome);
        Assert.Equal(SendOutcome.RetryLater, second.Outcome);
        Assert.Single(_logs.Entries, e => e.EventId == 3003);
    }

    [Fact]
    public async Task Invalid_address_is_failed_without_a_session()
    {
        var result = await Sender.SendAsync(Notices.For(2026100000007), "not an address", CancellationToken.None);

        Assert.Equal(SendOutcome.Failed, result.Outcome);
        Assert.DoesNotContain(_logs.Entries, e => e.EventId == 3004);
    }

    [Fact]
    public async Task Concurrent_sends_share_the_pool_and_open_no_more_sessions_than_its_size()
    {
        var sends = Enumerable.Range(1, 40).Select(i => Sender.SendAsync(Notices.For(2026100001000 + i), $"user{i}@example.com", CancellationToken.None));

        var results = await Task.WhenAll(sends);

        Assert.All(results, r => Assert.Equal(SendOutcome.Sent, r.Outcome));
        Assert.Equal(40, _smtp.Messages.Count);
        Assert.InRange(_logs.Entries.Count(e => e.EventId == 3004), 1, 2);
    }

    [Fact]
    public async Task Cancellation_propagates()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Sender.SendAsync(Notices.For(2026100000008), Notices.Email, cancelled.Token));
    }
}
