using BillForU.Domain.Notifications;
using System.Net.Sockets;
using BillForU.Domain.Security;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace BillForU.Channels.Email;

/// <summary>What an SMTP exception means for the notice: try again later, or give up on this channel.</summary>
internal static class SmtpFailures
{
    /// <summary>The session failed (refused, dropped, timed out, TLS or login refused): nothing about the message itself.</summary>
    public static bool IsSessionFailure(Exception exception) => exception
        is IOException or SocketException or TimeoutException
        or SmtpProtocolException or SmtpCommandException
        or ServiceNotConnectedException or ServiceNotAuthenticatedException
        or SslHandshakeException or AuthenticationException or SaslException;

    /// <summary>5xx is the relay's final word on this message (550 mailbox unavailable, 554 rejected); 4xx asks to come back later.</summary>
    public static SendResult Classify(SmtpCommandException exception, string address)
    {
        var code = (int)exception.StatusCode;
        var error = $"SMTP {code} ({exception.ErrorCode}): {Redact(exception.Message, address)}";
        return code >= 500 ? SendResult.Failed(error) : SendResult.Retry(error);
    }

    /// <summary>After 421 the relay closes the session; after other refusals MailKit has reset the transaction and it stays usable.</summary>
    public static bool KeepsSession(SmtpCommandException exception) => exception.StatusCode != SmtpStatusCode.ServiceNotAvailable;

    public static SendResult Transient(Exception exception, string address) =>
        SendResult.Retry($"SMTP session failed ({exception.GetType().Name}): {Redact(exception.Message, address)}");

    /// <summary>Relays quote the recipient in their replies (<c>550 &lt;a@b&gt;: unknown user</c>); errors are logged and stored, so the address is masked.</summary>
    public static string Redact(string text, string address) =>
        string.IsNullOrEmpty(address) ? text : text.Replace(address, ContactMasking.MaskEmail(address), StringComparison.OrdinalIgnoreCase);
}
