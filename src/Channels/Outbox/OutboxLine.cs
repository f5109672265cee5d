namespace BillForU.Channels.Outbox;

/// <summary>
/// One notice as a line of <c>sms.jsonl</c>, <c>push.jsonl</c> or <c>email.jsonl</c>. <see cref="To"/> is masked: the
/// outbox is for looking at, and nothing on disk outside the sent <c>.eml</c> itself carries a plaintext contact.
/// </summary>
internal sealed record OutboxLine(
    string NotificationId,
    string Channel,
    long BillId,
    long UserId,
    string BillingMonth,
    long TotalAmount,
    DateOnly DueDate,
    DateTimeOffset At,
    string? To = null,
    string? Subject = null,
    string? Text = null,
    string? Title = null,
    string? Body = null);
