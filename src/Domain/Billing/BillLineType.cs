namespace BillForU.Domain.Billing;

public enum BillLineType
{
    BaseFee = 1,
    AddonFee = 2,
    DeviceFee = 3,
    MicroPayment = 4,
    Discount = 5,
    Vat = 6,
}
