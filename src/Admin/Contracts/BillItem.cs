using BillForU.Domain.Billing;

namespace BillForU.Admin.Contracts;

/// <summary>A bill without its lines, with the month written yyyy-MM.</summary>
public sealed record BillItem(
    long BillId, long UserId, string Month, DateOnly IssueDate, DateOnly DueDate, BillTotals Totals, long TotalAmount, DateTime? EventPublishedAt)
{
    public static BillItem Of(BillHeader b) =>
        new(b.BillId, b.UserId, b.Month.ToString(), b.IssueDate, b.DueDate, b.Totals, b.TotalAmount, b.EventPublishedAt);
}
