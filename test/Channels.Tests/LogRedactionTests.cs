using BillForU.Domain.Notifications;
using BillForU.Channels.Email;
using BillForU.Channels.Tests.Support;
using BillForU.TestSupport;
using MailKit.Net.Smtp;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace BillForU.Channels.Tests;

/// <summary>No plaintext contact reaches a log line or a stored error, whatever the outcome.</summary>
public sealed class LogRedactionTests
{
    [Fact]
    public async Task Every_outcome_of_every_live_channel_logs_masked_addresses_only()
    {
        var logs = new CapturedLogs();
        await using var smtp = await SmtpCapture.StartAsync();
        await using var provider = ProviderEndpoint.Start();
        var statuses = new Queue<int>([200, 500, 429, 400]);
        provider.Respond = _ => new(statuses.TryDequeue(out var status) ? status : 200, """{"id":"p"}""");
        var errors = new List<string?>();
        await using (var services = ChannelServices.Build(ChannelServices.Live(smtp.Port, provider.Endpoint, provider.Endpoint), logs))
        {
            var email = services.GetRequiredService<IEmailSender>();
            var sms = services.GetRequiredService<ISmsSender>();
            errors.Add((await email.SendAsync(Notices.For(1), Notices.Email, CancellationToken.None)).Error);
            smtp.RejectPermanently = true;
            errors.Add((await email.SendAsync(Notices.For(2), Notices.Email, CancellationToken.None)).Error);
            for (var bill = 3; bill <= 6; bill++)
            {
                errors.Add((await sms.SendAsync(Notices.For(bill, "sms"), Notices.Phone, CancellationToken.None)).Error);
            }
        }
        await using (var down = ChannelServices.Build(ChannelServices.Live(FreePort.Next()), logs))
        {
            errors.Add((await down.GetRequiredService<IEmailSender>().SendAsync(Notices.For(7), Notices.Email, CancellationToken.None)).Error);
        }

        var text = logs.AllText.Concat(errors.OfType<string>()).ToList();
        Assert.DoesNotContain(text, t => t.Contains(Notices.Email, StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(text, t => t.Contains(Notices.Phone, StringComparison.Ordinal) || t.Contains("01023456789", StringComparison.Ordinal));
        Assert.Contains(text, t => t.Contains(Notices.MaskedEmail, StringComparison.Ordinal));
        Assert.Contains(text, t => t.Contains(Notices.MaskedPhone, StringComparison.Ordinal));
        Assert.Contains(logs.Entries, e => e.EventId == 3002);
    }

    [Fact]
    public async Task Outbox_sends_log_masked_addresses_only()
    {
        var logs = new CapturedLogs();
        var directory = Path.Combine(Path.GetTempPath(), "billforu-outbox-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using (var services = ChannelServices.Build(o => o.OutboxDirectory = directory, logs))
            {
                await services.GetRequiredService<IEmailSender>().SendAsync(Notices.For(1), Notices.Email, CancellationToken.None);
                await services.GetRequiredService<ISmsSender>().SendAsync(Notices.For(1, "sms"), Notices.Phone, CancellationToken.None);
            }

            Assert.DoesNotContain(logs.AllText, t => t.Contains(Notices.Email, StringComparison.OrdinalIgnoreCase) || t.Contains(Notices.Phone, StringComparison.Ordinal));
            Assert.Contains(logs.AllText, t => t.Contains(Notices.MaskedEmail, StringComparison.Ordinal));
            Assert.Contains(logs.AllText, t => t.Contains(Notices.MaskedPhone, StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void A_relay_reply_quoting_the_recipient_is_stored_masked()
    {
        var refusal = new SmtpCommandException(
            SmtpErrorCode.RecipientNotAccepted, SmtpStatusCode.MailboxUnavailable, MailboxAddress.Parse(Notices.Email),
            $"5.1.1 <{Notices.Email.ToUpperInvariant()}>: Recipient address rejected: User unknown");

        var result = SmtpFailures.Classify(refusal, Notices.Email);

        Assert.Equal(SendOutcome.Failed, result.Outcome);
        Assert.DoesNotContain(Notices.Email, result.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(Notices.MaskedEmail, result.Error);
    }
}
