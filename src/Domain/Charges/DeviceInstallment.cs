using BillForU.Domain.Billing;

namespace BillForU.Domain.Charges;

/// <summary>A device paid off in equal monthly amounts from <see cref="FirstMonth"/> for <see cref="MonthsTotal"/> months.</summary>
public sealed record DeviceInstallment(long Id, string Device, long MonthlyAmount, BillingMonth FirstMonth, int MonthsTotal)
{
    /// <summary>Installments still owed in <paramref name="month"/>, counting that month's own; 0 once paid off.</summary>
    public int MonthsRemaining(BillingMonth month)
    {
        var elapsed = month.MonthsSince(FirstMonth);
        return elapsed < 0 ? 0 : Math.Max(0, MonthsTotal - elapsed);
    }

    public bool IsDueIn(BillingMonth month) => month.MonthsSince(FirstMonth) >= 0 && MonthsRemaining(month) > 0;
}
