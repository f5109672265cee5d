using BillForU.Domain.Notifications;
using BillForU.Domain.Customers;
using BillForU.Domain.Security;
using Microsoft.Extensions.Logging;

namespace BillForU.Channels.Logging;

/// <summary>
/// Every channel log line. Addresses appear only masked (<c>te****@test.com</c>, <c>010-****-1234</c>) and exceptions are
/// never attached: SMTP replies and socket errors can quote the recipient, so only their kind and status go in.
/// Per-notice lines are Debug, as in the notification grain: a million per month is not an operator's log.
/// </summary>
internal static partial class ChannelLog
{
    /// <summary>A send's outcome, at Debug; the masked address is built only for a line that is written.</summary>
    public static void Outcome(this ILogger logger, Channel channel, string notificationId, string address, SendResult result)
    {
        if (!logger.IsEnabled(LogLevel.Debug))
        {
            return;
        }
        var masked = ContactMasking.MaskFor(channel, address);
        if (result.Outcome == SendOutcome.Sent)
        {
            logger.Accepted(channel, notificationId, masked, result.ProviderMessageId!);
        }
        else
        {
            logger.NotSent(channel, notificationId, masked, result.Outcome, result.Error!);
        }
    }

    [LoggerMessage(3001, LogLevel.Debug, "{Channel} notice {NotificationId} to {MaskedAddress} accepted as {ProviderMessageId}")]
    public static partial void Accepted(this ILogger logger, Channel channel, string notificationId, string maskedAddress, string providerMessageId);

    [LoggerMessage(3002, LogLevel.Debug, "{Channel} notice {NotificationId} to {MaskedAddress} not sent ({Outcome}): {Error}")]
    public static partial void NotSent(this ILogger logger, Channel channel, string notificationId, string maskedAddress, SendOutcome outcome, string error);

    [LoggerMessage(3003, LogLevel.Warning, "SMTP relay {Host}:{Port} unreachable or refused the session; emails wait for retries until it answers: {Error}")]
    public static partial void SmtpRelayDown(this ILogger logger, string host, int port, string error);

    [LoggerMessage(3004, LogLevel.Information, "SMTP connection to {Host}:{Port} opened ({Security}, pipelining {Pipelining})")]
    public static partial void SmtpConnected(this ILogger logger, string host, int port, string security, bool pipelining);

    [LoggerMessage(3005, LogLevel.Information, "SMTP relay {Host}:{Port} answers again")]
    public static partial void SmtpRelayBack(this ILogger logger, string host, int port);

    [LoggerMessage(3006, LogLevel.Error, "Outbox file {Path} could not be written: {Error}")]
    public static partial void OutboxWriteFailed(this ILogger logger, string path, string error);

    [LoggerMessage(3007, LogLevel.Information, "{Channel} sends limited to {PermitsPerSecond}/s ({TokensPerPeriod} every {Period}); excess sends queue")]
    public static partial void RateLimited(this ILogger logger, Channel channel, double permitsPerSecond, int tokensPerPeriod, TimeSpan period);

    [LoggerMessage(3008, LogLevel.Information, "Outbox: {Limit} .eml files written; further emails are summarised in {Path}")]
    public static partial void EmlLimitReached(this ILogger logger, int limit, string path);
}
