using BillForU.Domain.Notifications;
using BillForU.Channels.Logging;
using BillForU.Domain.Customers;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace BillForU.Channels.Email;

/// <summary>
/// Sends the bill notice through the SMTP relay on a pooled session. Refusals the relay means for good (5xx) are
/// <see cref="SendOutcome.Failed"/>; everything else (no session, a dropped one, 4xx) is <see cref="SendOutcome.RetryLater"/>.
/// The Message-ID is fixed per notice, so a resend after an ambiguous failure is recognisable downstream.
/// </summary>
internal sealed class SmtpEmailSender(SmtpConnectionPool pool, BillNoticeMessage messages, ILogger<SmtpEmailSender> logger) : IEmailSender
{
    public Channel Channel => Channel.Email;

    public async Task<SendResult> SendAsync(BillNotice notice, string address, CancellationToken cancellationToken)
    {
        var result = await TrySendAsync(notice, address, cancellationToken);
        logger.Outcome(Channel, notice.NotificationId, address, result);
        return result;
    }

    private async Task<SendResult> TrySendAsync(BillNotice notice, string address, CancellationToken cancellationToken)
    {
        if (!MailboxAddress.TryParse(address, out var to))
        {
            return SendResult.Failed("The email address is not valid.");
        }

        // The caller's token bounds the exchange (the notification grain's send deadline); without one, Smtp:Timeout does.
        using var ownDeadline = cancellationToken.CanBeCanceled ? null : new CancellationTokenSource(pool.Timeout);
        try
        {
            return await ExchangeAsync(notice, to, address, ownDeadline?.Token ?? cancellationToken);
        }
        catch (OperationCanceledException) when (ownDeadline?.IsCancellationRequested == true)
        {
            return SendResult.Retry($"The SMTP relay did not answer within {pool.Timeout.TotalSeconds:0.###} s.");
        }
    }

    private async Task<SendResult> ExchangeAsync(BillNotice notice, MailboxAddress to, string address, CancellationToken cancellationToken)
    {
        SmtpClient client;
        try
        {
            client = await pool.RentAsync(cancellationToken);
        }
        catch (Exception e) when (SmtpFailures.IsSessionFailure(e))
        {
            return SmtpFailures.Transient(e, address);
        }

        var reusable = false;
        try
        {
            // Rented once the session is: thousands of notices may be waiting for one, and need no message yet.
            using var message = messages.Rent(notice, to);
            await client.SendAsync(message.Message, cancellationToken);
            reusable = true;
            return SendResult.Sent($"<{message.Message.MessageId}>");
        }
        catch (SmtpCommandException e)
        {
            reusable = SmtpFailures.KeepsSession(e);
            return SmtpFailures.Classify(e, address);
        }
        catch (Exception e) when (SmtpFailures.IsSessionFailure(e))
        {
            return SmtpFailures.Transient(e, address);
        }
        finally
        {
            // A cancelled or broken exchange leaves the session mid-command: it is closed, never reused.
            pool.Return(client, reusable);
        }
    }
}
