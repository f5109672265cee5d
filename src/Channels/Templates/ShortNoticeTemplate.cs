namespace BillForU.Channels.Templates;

/// <summary>The short texts of SMS and push: month, total and due date, in Korean then English.</summary>
internal static class ShortNoticeTemplate
{
    public static string SmsText(BillNotice notice) =>
        $"[BillForU] {notice.BillingMonth} 청구금액 {NoticeFormat.Won(notice.TotalAmount)}, 납부기한 {NoticeFormat.Date(notice.DueDate)}. "
        + $"Your {notice.BillingMonth} bill: {NoticeFormat.Krw(notice.TotalAmount)}, due {NoticeFormat.Date(notice.DueDate)}.";

    public static string PushTitle(BillNotice notice) => $"{notice.BillingMonth} 청구서 · Your {notice.BillingMonth} bill";

    public static string PushBody(BillNotice notice) =>
        $"{NoticeFormat.Won(notice.TotalAmount)} (납부기한 {NoticeFormat.Date(notice.DueDate)}) · {NoticeFormat.Krw(notice.TotalAmount)}, due {NoticeFormat.Date(notice.DueDate)}";
}
