using System.Collections.Concurrent;
using BillForU.Channels.Configuration;
using MimeKit;

namespace BillForU.Channels.Email;

/// <summary>
/// Builds the MIME message of a notice: the same bytes go to the relay or into the <c>.eml</c> outbox. Messages are
/// rented: a MIME message is a tree of headers, address lists and parts with change events, and building that tree
/// for every notice was a quarter of all the memory a cluster silo allocated per notice. A returned message keeps its
/// tree; the next notice only replaces what differs (recipient, ids, date, subject and the two bodies).
/// </summary>
internal sealed class BillNoticeMessage(SmtpOptions options, TimeProvider time)
{
    private readonly ConcurrentBag<RentedNoticeMessage> _returned = [];

    /// <summary>The notice's message; dispose it once it is sent or written, and do not touch it after.</summary>
    public RentedNoticeMessage Rent(BillNotice notice, MailboxAddress to)
    {
        if (!_returned.TryTake(out var rented))
        {
            rented = new RentedNoticeMessage(_returned, options);
        }
        rented.Fill(notice, to, time.GetUtcNow());
        return rented;
    }
}
