using BillForU.Channels.Configuration;
using MimeKit;

namespace BillForU.Channels.Email;

/// <summary>Builds the MIME message of a notice: the same bytes go to the relay or into the <c>.eml</c> outbox.</summary>
internal sealed class BillNoticeMessage(SmtpOptions options, TimeProvider time)
{
    private const string MessageIdDomain = "billforu";

    private readonly MailboxAddress _from = new(options.FromName, options.FromAddress);

    /// <summary>
    /// <c>&lt;{NotificationId}@billforu&gt;</c>: every attempt and every resend of a notice carries the same id, so a
    /// mailbox (or a human reading the capture) can tell a repeat from a second bill.
    /// </summary>
    private static string MessageIdOf(BillNotice notice) => $"{notice.NotificationId}@{MessageIdDomain}";

    public MimeMessage Create(BillNotice notice, string address)
    {
        // The header-list constructor, because the default one generates a Message-Id and a Date (a host-name lookup
        // and a clock read) that are replaced at once: it halves the cost of building a notice.
        var message = new MimeMessage(Enumerable.Empty<Header>())
        {
            MessageId = MessageIdOf(notice),
            Date = time.GetUtcNow(),
            Subject = BillNoticeTemplate.Subject(notice),
            Body = new BodyBuilder
            {
                TextBody = BillNoticeTemplate.Text(notice),
                HtmlBody = BillNoticeTemplate.Html(notice),
            }.ToMessageBody(),
        };
        message.From.Add(_from);
        message.To.Add(MailboxAddress.Parse(address));
        return message;
    }
}
