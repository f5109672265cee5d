namespace BillForU.Grains.Interfaces.Billing;

/// <summary>
/// One settled bill, as settlement tells notification about it (design §3). No contact data:
/// the notification side loads the contact by user id. <see cref="EventId"/> is derived from
/// (bill id, month), so a republished event carries the same id.
/// </summary>
[GenerateSerializer, Immutable, Alias("BillForU.BillEvent")]
public sealed record BillEvent(
    string EventId,
    long BillId,
    long UserId,
    string BillingMonth,
    long TotalAmount,
    DateOnly DueDate,
    DateOnly IssuedAt,
    BillLineSummary Lines)
{
    public static string EventIdFor(long billId, string billingMonth) => $"bill:{billingMonth}:{billId}";
}
