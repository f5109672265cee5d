using BillForU.Domain.Billing;

namespace BillForU.Channels;

/// <summary>
/// What a subscriber is told about a bill. <see cref="NotificationId"/> is the idempotency key every
/// provider receives (the email Message-ID, the HTTP <c>Idempotency-Key</c>), so a resend after a crash
/// is recognisable as the same message.
/// </summary>
public sealed record BillNotice(
    string NotificationId,
    long BillId,
    long UserId,
    string BillingMonth,
    long TotalAmount,
    DateOnly IssueDate,
    DateOnly DueDate,
    BillTotals Totals);
