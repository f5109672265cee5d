namespace BillForU.Domain.Billing;

/// <summary>Per line type sums of one bill (or of many bills added up).</summary>
public sealed record BillTotals(long BaseFee, long AddonFee, long DeviceFee, long MicroPayment, long Discount, long Vat)
{
    public static readonly BillTotals Zero = new(0, 0, 0, 0, 0, 0);

    public long Total => BaseFee + AddonFee + DeviceFee + MicroPayment + Discount + Vat;

    public BillTotals Add(BillTotals other) => new(
        BaseFee + other.BaseFee,
        AddonFee + other.AddonFee,
        DeviceFee + other.DeviceFee,
        MicroPayment + other.MicroPayment,
        Discount + other.Discount,
        Vat + other.Vat);

    public static BillTotals Of(IEnumerable<BillLine> lines)
    {
        long baseFee = 0, addon = 0, device = 0, micro = 0, discount = 0, vat = 0;
        foreach (var line in lines)
        {
            switch (line.Type)
            {
                case BillLineType.BaseFee: baseFee += line.Amount; break;
                case BillLineType.AddonFee: addon += line.Amount; break;
                case BillLineType.DeviceFee: device += line.Amount; break;
                case BillLineType.MicroPayment: micro += line.Amount; break;
                case BillLineType.Discount: discount += line.Amount; break;
                case BillLineType.Vat: vat += line.Amount; break;
                default: throw new ArgumentOutOfRangeException(nameof(lines), line.Type, "Unknown bill line type.");
            }
        }
        return new BillTotals(baseFee, addon, device, micro, discount, vat);
    }
}
