using BillForU.Domain.Billing;
using BillForU.Grains.Interfaces.Billing;

namespace BillForU.Grains.Billing;

public static class BillEventMapping
{
    public static BillEvent ToEvent(this BillHeader bill)
    {
        var month = bill.Month.ToString();
        var t = bill.Totals;
        return new BillEvent(
            BillEvent.EventIdFor(bill.BillId, month),
            bill.BillId,
            bill.UserId,
            month,
            bill.TotalAmount,
            bill.DueDate,
            bill.IssueDate,
            new BillLineSummary(t.BaseFee, t.AddonFee, t.DeviceFee, t.MicroPayment, t.Discount, t.Vat));
    }
}
