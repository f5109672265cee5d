using BillForU.Channels.Templates;
using BillForU.Domain.Customers;
using Microsoft.Extensions.Logging;

namespace BillForU.Channels.Outbox;

/// <summary>SMS into <c>sms.jsonl</c>: the text that would be sent, to the masked phone number.</summary>
internal sealed class SmsOutboxSender(string outboxDirectory, TimeProvider time, ILogger<SmsOutboxSender> logger)
    : JsonLinesOutboxSender(outboxDirectory, FileName, time, logger), ISmsSender
{
    public const string FileName = "sms.jsonl";

    public override Channel Channel => Channel.Sms;

    protected override OutboxLine Line(BillNotice notice, string maskedAddress) =>
        new(notice.NotificationId, "sms", notice.BillId, notice.UserId, notice.BillingMonth, notice.TotalAmount, notice.DueDate, Time.GetUtcNow(),
            To: maskedAddress, Text: ShortNoticeTemplate.SmsText(notice));
}
