using BillForU.Domain.Charges;

namespace BillForU.Domain.Billing;

/// <summary>
/// Prices one user's month (design §2): prorated plan and add-on fees, device installments,
/// one summed micro-payment line, the contract discount per plan, and VAT on the taxable subtotal.
/// Every computed line is rounded half away from zero from the already-rounded lines it depends on.
/// </summary>
public sealed class BillPricing(PriceCatalog catalog, BillingTerms terms)
{
    public const int ContractDiscountPercent = 25;
    public const int VatPercent = 10;

    /// <summary>The user's bill, or null when nothing was chargeable in the month.</summary>
    public PricedBill? Price(BillingMonth month, UserCharges charges)
    {
        var lines = new List<BillLine>(8);
        var days = month.Days;

        foreach (var plan in charges.Plans)
        {
            var active = ChargeableDays(month, plan.Start, plan.End, plan.Status);
            if (active == 0)
            {
                continue;
            }
            var baseFee = Proration.Fee(catalog.PlanFee(plan.PlanId), active, days);
            lines.Add(new BillLine(lines.Count + 1, BillLineType.BaseFee, plan.PlanId, active, baseFee));
            if (plan.Contract)
            {
                var discount = -KrwRounding.Percent(baseFee, ContractDiscountPercent);
                lines.Add(new BillLine(lines.Count + 1, BillLineType.Discount, plan.PlanId, 1, discount));
            }
        }

        foreach (var addon in charges.Addons)
        {
            var active = ChargeableDays(month, addon.Start, addon.End, addon.Status);
            if (active > 0)
            {
                var fee = Proration.Fee(catalog.AddonFee(addon.AddonId), active, days);
                lines.Add(new BillLine(lines.Count + 1, BillLineType.AddonFee, addon.AddonId, active, fee));
            }
        }

        foreach (var installment in charges.Installments)
        {
            if (installment.IsDueIn(month))
            {
                lines.Add(new BillLine(lines.Count + 1, BillLineType.DeviceFee, installment.Id, 1, installment.MonthlyAmount));
            }
        }

        if (charges.MicroPayments.Count > 0)
        {
            long micro = 0;
            foreach (var payment in charges.MicroPayments)
            {
                micro += payment.Amount;
            }
            lines.Add(new BillLine(lines.Count + 1, BillLineType.MicroPayment, 0, charges.MicroPayments.Count, micro));
        }

        if (lines.Count == 0)
        {
            return null;
        }

        long taxable = 0;
        foreach (var line in lines)
        {
            if (line.Type != BillLineType.MicroPayment)
            {
                taxable += line.Amount;
            }
        }
        lines.Add(new BillLine(lines.Count + 1, BillLineType.Vat, 0, 1, KrwRounding.Percent(taxable, VatPercent)));

        return new PricedBill(
            BillId.For(month, charges.UserId),
            charges.UserId,
            month,
            terms.IssueDate(month),
            terms.DueDate(month),
            lines,
            BillTotals.Of(lines));
    }

    // A cancelled subscription without an end date was never in force; one with an end date
    // owes its days up to that date like any other.
    private static int ChargeableDays(BillingMonth month, DateOnly start, DateOnly? end, SubscriptionStatus status) =>
        status == SubscriptionStatus.Cancelled && end is null ? 0 : Proration.ActiveDays(month, start, end);
}
