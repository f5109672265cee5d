using BillForU.Domain.Billing;

namespace BillForU.Storage;

public sealed record MonthSummary(BillingMonth Month, long Bills, long Lines, long EventsPublished, BillTotals Totals);
