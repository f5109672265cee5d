using System.Collections.Concurrent;
using System.Text;
using BillForU.Channels.Configuration;
using MimeKit;
using MimeKit.Text;
using MimeKit.Utils;

namespace BillForU.Channels.Email;

/// <summary>One notice's message on a structure that goes back to <see cref="BillNoticeMessage"/> when disposed.</summary>
internal sealed class RentedNoticeMessage : IDisposable
{
    private const string MessageIdDomain = "billforu";

    // Characters of a notice's HTML part (the larger one), so the builder and the encoding buffer rarely grow.
    private const int HtmlSize = 1600;

    private readonly ConcurrentBag<RentedNoticeMessage> _home;
    private readonly TextPart _text;
    private readonly TextPart _html;
    private readonly MemoryStream _textBody = new();
    private readonly MemoryStream _htmlBody = new();
    private readonly RenderOnceAlternative _body;
    private readonly StringBuilder _textSource = new(640);
    private readonly StringBuilder _htmlSource = new(HtmlSize);
    private readonly Encoder _utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetEncoder();
    private readonly Header _date = new(HeaderId.Date, DateUtils.FormatDate(DateTimeOffset.UnixEpoch));
    private readonly Header _subject = new(HeaderId.Subject, "BillForU");
    private byte[] _encoded = new byte[Encoding.UTF8.GetMaxByteCount(HtmlSize)];
    private long _dateSecond = -1;

    internal RentedNoticeMessage(ConcurrentBag<RentedNoticeMessage> home, SmtpOptions options)
    {
        _home = home;
        // 8bit chosen up front: the bodies are UTF-8 text in short lines, so they go out as they are instead of being
        // quoted-printable encoded for every notice (and a part without an encoding is scanned for the best one before
        // every send). A relay without 8BITMIME still gets 7-bit content: MailKit re-encodes the parts for it.
        // The bodies are held as UTF-8 bytes already in that encoding: content stored unencoded (as SetText stores it) is
        // decoded and re-encoded through two stream filters on every render, and a message renders twice (measured for
        // BDAT, then sent). Cluster benchmark at 200k: 60.3 → 58.4 KiB allocated per notice.
        _text = Part(TextFormat.Plain, _textBody);
        _html = Part(TextFormat.Html, _htmlBody);
        // The header-list constructor, because the default one generates a Message-Id and a Date (a host-name lookup
        // and a clock read) that are replaced at once.
        _body = new RenderOnceAlternative { _text, _html };
        Message = new MimeMessage(Enumerable.Empty<Header>()) { Body = _body };
        Message.From.Add(new MailboxAddress(options.FromName, options.FromAddress));
        Message.Headers.Add(_date);
        Message.Headers.Add(_subject);
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
        SetDate(now);
        _subject.SetRawValue(EncodedHeaderValue.Unstructured(BillNoticeTemplate.Subject(notice)));
        BillNoticeTemplate.AppendText(_textSource.Clear(), notice);
        Store(_textBody, _textSource);
        BillNoticeTemplate.AppendHtml(_htmlSource.Clear(), notice);
        Store(_htmlBody, _htmlSource);
        _body.Changed();
    }

    /// <summary>
    /// A Date header shows whole seconds, and a rented message carries hundreds of notices a second: it is formatted
    /// only when the second has changed since this message last went out.
    /// </summary>
    private void SetDate(DateTimeOffset now)
    {
        var second = now.ToUnixTimeSeconds();
        if (second != _dateSecond)
        {
            _date.SetRawValue(Encoding.ASCII.GetBytes($" {DateUtils.FormatDate(now)}\r\n"));
            _dateSecond = second;
        }
    }

    private static TextPart Part(TextFormat format, MemoryStream body)
    {
        var part = new TextPart(format) { ContentTransferEncoding = ContentEncoding.EightBit, Content = new MimeContent(body, ContentEncoding.EightBit) };
        part.ContentType.Charset = "utf-8";
        return part;
    }

    /// <summary>The text as UTF-8, straight from the builder's chunks (the encoder keeps a pair split between two).</summary>
    private void Store(MemoryStream body, StringBuilder text)
    {
        var most = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (_encoded.Length < most)
        {
            _encoded = new byte[most];
        }
        _utf8.Reset();
        var length = 0;
        foreach (var chunk in text.GetChunks())
        {
            length += _utf8.GetBytes(chunk.Span, _encoded.AsSpan(length), flush: false);
        }
        length += _utf8.GetBytes([], _encoded.AsSpan(length), flush: true);
        body.SetLength(0);
        body.Write(_encoded, 0, length);
        body.Position = 0;
    }

    public void Dispose() => _home.Add(this);
}
