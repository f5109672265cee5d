namespace BillForU.Domain.Billing;

/// <summary>A user's bill for one month as priced in memory, before it is written.</summary>
public sealed record PricedBill(
    long BillId,
    long UserId,
    BillingMonth Month,
    DateOnly IssueDate,
    DateOnly DueDate,
    IReadOnlyList<BillLine> Lines,
    BillTotals Totals)
{
    public long TotalAmount => Totals.Total;
}
