namespace BillForU.Domain.Billing;

/// <summary>
/// When bills are issued and due. Both dates derive from the month, never from the clock,
/// so a re-run reproduces a bill exactly.
/// </summary>
/// <param name="IssueDayOffset">Days after the month's last day on which the bill is issued (1 = the first of the next month).</param>
/// <param name="DueDays">Days from issue to due date.</param>
public sealed record BillingTerms(int IssueDayOffset = 1, int DueDays = 15)
{
    public static readonly BillingTerms Default = new();

    public DateOnly IssueDate(BillingMonth month) => month.LastDay.AddDays(IssueDayOffset);

    public DateOnly DueDate(BillingMonth month) => IssueDate(month).AddDays(DueDays);
}
