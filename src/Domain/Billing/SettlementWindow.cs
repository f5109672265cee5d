namespace BillForU.Domain.Billing;

/// <summary>
/// A billing month as UTC instants in the operator's zone: micro-payments whose <c>paid_at</c>
/// lies in [<see cref="FromUtc"/>, <see cref="ToUtc"/>) belong to the month.
/// </summary>
public sealed record SettlementWindow(BillingMonth Month, DateTime FromUtc, DateTime ToUtc)
{
    public static SettlementWindow For(BillingMonth month, TimeZoneInfo zone) => new(
        month,
        TimeZoneInfo.ConvertTimeToUtc(month.FirstDay.ToDateTime(TimeOnly.MinValue), zone),
        TimeZoneInfo.ConvertTimeToUtc(month.Next.FirstDay.ToDateTime(TimeOnly.MinValue), zone));
}
