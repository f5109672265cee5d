using BillForU.Domain.Billing;
using BillForU.Domain.Charges;
using BillForU.Domain.Generation;

namespace BillForU.Grains.Tests.Support;

/// <summary>
/// The bill rules of design §2 written a second time, plainly and in decimal arithmetic, straight from the
/// generated dataset, so settlement is checked against something it does not share code with.
/// </summary>
public static class ExpectedBills
{
    public sealed record Expected(long UserId, long BaseFee, long AddonFee, long DeviceFee, long Micro, long Discount, long Vat)
    {
        public long Total => BaseFee + AddonFee + DeviceFee + Micro + Discount + Vat;
    }

    public static Dictionary<long, Expected> Compute(IEnumerable<GeneratedUser> users, BillingMonth month)
    {
        var planFees = DemoCatalog.Plans.ToDictionary(p => p.Id, p => (decimal)p.MonthlyFee);
        var addonFees = DemoCatalog.Addons.ToDictionary(a => a.Id, a => (decimal)a.MonthlyFee);
        var first = month.FirstDay;
        var last = month.LastDay;
        decimal days = DateTime.DaysInMonth(month.Year, month.Month);
        var result = new Dictionary<long, Expected>();

        foreach (var user in users)
        {
            long baseFee = 0, addon = 0, device = 0, discount = 0;
            var lines = 0;
            foreach (var plan in user.Charges.Plans)
            {
                var active = ActiveDays(plan.Start, plan.End, plan.Status, first, last);
                if (active == 0)
                {
                    continue;
                }
                var fee = Round(planFees[plan.PlanId] * active / days);
                baseFee += fee;
                discount -= plan.Contract ? Round(fee * 0.25m) : 0;
                lines++;
            }
            foreach (var sub in user.Charges.Addons)
            {
                var active = ActiveDays(sub.Start, sub.End, sub.Status, first, last);
                if (active > 0)
                {
                    addon += Round(addonFees[sub.AddonId] * active / days);
                    lines++;
                }
            }
            foreach (var installment in user.Charges.Installments)
            {
                var monthIndex = (month.Year - installment.FirstMonth.Year) * 12 + month.Month - installment.FirstMonth.Month;
                if (monthIndex >= 0 && monthIndex < installment.MonthsTotal)
                {
                    device += installment.MonthlyAmount;
                    lines++;
                }
            }
            var micro = user.Charges.MicroPayments.Sum(p => p.Amount);
            lines += user.Charges.MicroPayments.Count;
            if (lines == 0)
            {
                continue;
            }
            var vat = Round((baseFee + addon + device + discount) * 0.10m);
            result[user.User.Id] = new Expected(user.User.Id, baseFee, addon, device, micro, discount, vat);
        }
        return result;
    }

    private static long Round(decimal value) => (long)Math.Round(value, MidpointRounding.AwayFromZero);

    private static int ActiveDays(DateOnly start, DateOnly? end, SubscriptionStatus status, DateOnly first, DateOnly last)
    {
        if (status == SubscriptionStatus.Cancelled && end is null)
        {
            return 0;
        }
        var from = start < first ? first : start;
        var to = end is null || end > last ? last : end.Value;
        return from > to ? 0 : to.DayNumber - from.DayNumber + 1;
    }
}
