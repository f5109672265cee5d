using System.Net;
using System.Text;
using BillForU.Channels.Templates;
using BillForU.Domain.Billing;

namespace BillForU.Channels.Email;

/// <summary>
/// The bill notice email: a subject, a plain-text part and an HTML part with the same content, in Korean and English.
/// The HTML breaks its lines between elements: the parts travel as 8bit, and SMTP limits a line to 998 octets.
/// The parts are appended to builders the caller keeps: a notice's two bodies are a few kilobytes of text, and a string
/// of each per email was a sixth of everything a cluster silo allocated per notice.
/// </summary>
internal static class BillNoticeTemplate
{
    private static readonly (string Label, Func<BillTotals, long> Amount)[] Lines =
    [
        ("기본료 / Base fee", t => t.BaseFee),
        ("부가서비스 / Add-ons", t => t.AddonFee),
        ("단말기 할부 / Device installment", t => t.DeviceFee),
        ("소액결제 / Micro-payments", t => t.MicroPayment),
        ("할인 / Discount", t => t.Discount),
        ("부가세 / VAT", t => t.Vat),
    ];

    public static string Subject(BillNotice notice) =>
        $"[BillForU] {notice.BillingMonth} 청구서 {NoticeFormat.Won(notice.TotalAmount)} · Your {notice.BillingMonth} bill";

    public static void AppendText(StringBuilder text, BillNotice notice)
    {
        text.AppendLine($"BillForU {notice.BillingMonth} 청구서 / Bill for {notice.BillingMonth}")
            .AppendLine();
        foreach (var (label, amount) in Lines)
        {
            text.AppendLine($"{label,-36} {NoticeFormat.Won(amount(notice.Totals)),14}");
        }
        text.AppendLine($"{"합계 / Total",-36} {NoticeFormat.Won(notice.TotalAmount),14}")
            .AppendLine()
            .AppendLine($"발행일 / Issued: {NoticeFormat.Date(notice.IssueDate)}")
            .AppendLine($"납부기한 / Due:   {NoticeFormat.Date(notice.DueDate)}")
            .AppendLine()
            .AppendLine($"청구번호 / Bill no. {notice.BillId}");
    }

    public static void AppendHtml(StringBuilder html, BillNotice notice)
    {
        var month = WebUtility.HtmlEncode(notice.BillingMonth);
        html.Append("<!DOCTYPE html><html lang=\"ko\"><head><meta charset=\"utf-8\"><title>BillForU ")
            .Append(month).Append("</title></head>\n<body style=\"font-family:sans-serif\">\n")
            .Append("<h1>").Append(month).Append(" 청구서 · Bill for ").Append(month).Append("</h1>\n")
            .Append("<table style=\"border-collapse:collapse\">\n");
        foreach (var (label, amount) in Lines)
        {
            html.Append("<tr><td>").Append(label).Append("</td><td style=\"text-align:right;padding-left:2em\">")
                .Append(NoticeFormat.Won(amount(notice.Totals))).Append("</td></tr>\n");
        }
        html.Append("<tr><th style=\"text-align:left\">합계 / Total</th><th style=\"text-align:right;padding-left:2em\">")
            .Append(NoticeFormat.Won(notice.TotalAmount)).Append("</th></tr>\n</table>\n")
            .Append("<p>발행일 / Issued: ").Append(NoticeFormat.Date(notice.IssueDate)).Append("<br>\n")
            .Append("납부기한 / Due: <strong>").Append(NoticeFormat.Date(notice.DueDate)).Append("</strong></p>\n")
            .Append("<p>청구번호 / Bill no. ").Append(notice.BillId).Append("</p>\n</body></html>\n");
    }
}
