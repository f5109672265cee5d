namespace BillForU.Domain.Billing;

/// <summary>A written bill without its lines: what a bill event and a bill list need.</summary>
public sealed record BillHeader(
    long BillId,
    long UserId,
    BillingMonth Month,
    DateOnly IssueDate,
    DateOnly DueDate,
    BillTotals Totals,
    DateTime? EventPublishedAt)
{
    public long TotalAmount => Totals.Total;

    public static BillHeader Of(PricedBill bill) =>
        new(bill.BillId, bill.UserId, bill.Month, bill.IssueDate, bill.DueDate, bill.Totals, null);
}
