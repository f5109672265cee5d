using BillForU.Channels.Templates;
using BillForU.Domain.Customers;
using Microsoft.Extensions.Logging;

namespace BillForU.Channels.Outbox;

/// <summary>Push into <c>push.jsonl</c>: title and body for the user id (which is not a contact, so it is kept).</summary>
internal sealed class PushOutboxSender(string outboxDirectory, TimeProvider time, ILogger<PushOutboxSender> logger)
    : JsonLinesOutboxSender(outboxDirectory, FileName, time, logger), IPushSender
{
    public const string FileName = "push.jsonl";

    public override Channel Channel => Channel.Push;

    protected override OutboxLine Line(BillNotice notice, string maskedAddress) =>
        new(notice.NotificationId, "push", notice.BillId, notice.UserId, notice.BillingMonth, notice.TotalAmount, notice.DueDate, Time.GetUtcNow(),
            To: maskedAddress, Title: ShortNoticeTemplate.PushTitle(notice), Body: ShortNoticeTemplate.PushBody(notice));
}
