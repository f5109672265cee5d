namespace BillForU.Grains.Interfaces.Billing;

/// <summary>Per line type totals of a bill, in KRW.</summary>
[GenerateSerializer, Immutable, Alias("BillForU.BillLineSummary")]
public sealed record BillLineSummary(long BaseFee, long AddonFee, long DeviceFee, long MicroPayment, long Discount, long Vat);
