using System.Collections.Concurrent;
using System.Text;
using BillForU.Channels.Configuration;
using MimeKit;
using MimeKit.Text;

namespace BillForU.Channels.Email;

/// <summary>One notice's message on a structure that goes back to <see cref="BillNoticeMessage"/> when disposed.</summary>
internal sealed class RentedNoticeMessage : IDisposable
{
    private const string MessageIdDomain = "billforu";

    private readonly ConcurrentBag<RentedNoticeMessage> _home;
    private readonly TextPart _text;
    private readonly TextPart _html;

    internal RentedNoticeMessage(ConcurrentBag<RentedNoticeMessage> home, SmtpOptions options)
    {
        _home = home;
        // 8bit chosen up front: the bodies are UTF-8 text in short lines, so they go out as they are instead of being
        // quoted-printable encoded for every notice (and a part without an encoding is scanned for the best one before
        // every send). A relay without 8BITMIME still gets 7-bit content: MailKit re-encodes the parts for it.
        _text = new TextPart(TextFormat.Plain) { ContentTransferEncoding = ContentEncoding.EightBit };
        _html = new TextPart(TextFormat.Html) { ContentTransferEncoding = ContentEncoding.EightBit };
        // The header-list constructor, because the default one generates a Message-Id and a Date (a host-name lookup
        // and a clock read) that are replaced at once.
        Message = new MimeMessage(Enumerable.Empty<Header>()) { Body = new MultipartAlternative { _text, _html } };
        Message.From.Add(new MailboxAddress(options.FromName, options.FromAddress));
    }

    public MimeMessage Message { get; }

    /// <summary>
    /// <c>&lt;{NotificationId}@billforu&gt;</c>: every attempt and every resend of a notice carries the same id, so a
    /// mailbox (or a human reading the capture) can tell a repeat from a second bill.
    /// </summary>
    private static string MessageIdOf(BillNotice notice) => $"{notice.NotificationId}@{MessageIdDomain}";

    internal void Fill(BillNotice notice, MailboxAddress to, DateTimeOffset now)
    {
        Message.To.Clear();
        Message.To.Add(to);
        Message.MessageId = MessageIdOf(notice);
        Message.Date = now;
        Message.Subject = BillNoticeTemplate.Subject(notice);
        _text.SetText(Encoding.UTF8, BillNoticeTemplate.Text(notice));
        _html.SetText(Encoding.UTF8, BillNoticeTemplate.Html(notice));
    }

    public void Dispose() => _home.Add(this);
}
