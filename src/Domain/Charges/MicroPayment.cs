namespace BillForU.Domain.Charges;

/// <param name="PaidAt">UTC instant of the payment.</param>
public sealed record MicroPayment(long Id, long Amount, string Merchant, MicroPaymentType Type, DateTime PaidAt);
