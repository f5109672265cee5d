using System.Net;
using System.Text;
using BillForU.Channels.Templates;

namespace BillForU.Channels.Email;

/// <summary>
/// The bill notice email: a subject, a plain-text part and an HTML part with the same content, in Korean and English.
/// The HTML breaks its lines between elements: the parts travel as 8bit, and SMTP limits a line to 998 octets.
/// </summary>
internal static class BillNoticeTemplate
{
    public static string Subject(BillNotice notice) =>
        $"[BillForU] {notice.BillingMonth} 청구서 {NoticeFormat.Won(notice.TotalAmount)} · Your {notice.BillingMonth} bill";

    public static string Text(BillNotice notice)
    {
        var text = new StringBuilder(640)
            .AppendLine($"BillForU {notice.BillingMonth} 청구서 / Bill for {notice.BillingMonth}")
            .AppendLine();
        foreach (var (label, amount) in Lines(notice))
        {
            text.AppendLine($"{label,-36} {NoticeFormat.Won(amount),14}");
        }
        return text
            .AppendLine($"{"합계 / Total",-36} {NoticeFormat.Won(notice.TotalAmount),14}")
            .AppendLine()
            .AppendLine($"발행일 / Issued: {NoticeFormat.Date(notice.IssueDate)}")
            .AppendLine($"납부기한 / Due:   {NoticeFormat.Date(notice.DueDate)}")
            .AppendLine()
            .AppendLine($"청구번호 / Bill no. {notice.BillId}")
            .ToString();
    }

    public static string Html(BillNotice notice)
    {
        var month = WebUtility.HtmlEncode(notice.BillingMonth);
        var html = new StringBuilder(1600)
            .Append("<!DOCTYPE html><html lang=\"ko\"><head><meta charset=\"utf-8\"><title>BillForU ")
            .Append(month).Append("</title></head>\n<body style=\"font-family:sans-serif\">\n")
            .Append("<h1>").Append(month).Append(" 청구서 · Bill for ").Append(month).Append("</h1>\n")
            .Append("<table style=\"border-collapse:collapse\">\n");
        foreach (var (label, amount) in Lines(notice))
        {
            html.Append("<tr><td>").Append(label).Append("</td><td style=\"text-align:right;padding-left:2em\">")
                .Append(NoticeFormat.Won(amount)).Append("</td></tr>\n");
        }
        return html
            .Append("<tr><th style=\"text-align:left\">합계 / Total</th><th style=\"text-align:right;padding-left:2em\">")
            .Append(NoticeFormat.Won(notice.TotalAmount)).Append("</th></tr>\n</table>\n")
            .Append("<p>발행일 / Issued: ").Append(NoticeFormat.Date(notice.IssueDate)).Append("<br>\n")
            .Append("납부기한 / Due: <strong>").Append(NoticeFormat.Date(notice.DueDate)).Append("</strong></p>\n")
            .Append("<p>청구번호 / Bill no. ").Append(notice.BillId).Append("</p>\n</body></html>\n")
            .ToString();
    }

    private static (string Label, long Amount)[] Lines(BillNotice notice) =>
    [
        ("기본료 / Base fee", notice.Totals.BaseFee),
        ("부가서비스 / Add-ons", notice.Totals.AddonFee),
        ("단말기 할부 / Device installment", notice.Totals.DeviceFee),
        ("소액결제 / Micro-payments", notice.Totals.MicroPayment),
        ("할인 / Discount", notice.Totals.Discount),
        ("부가세 / VAT", notice.Totals.Vat),
    ];
}
