namespace BillForU.Domain.Billing;

/// <param name="LineNo">1-based position within the bill.</param>
/// <param name="ItemId">Plan, add-on or installment id the line is for; 0 for summary lines (micro-payments, VAT).</param>
/// <param name="Quantity">Active days for prorated fees, payment count for micro-payments, 1 otherwise.</param>
public sealed record BillLine(int LineNo, BillLineType Type, long ItemId, int Quantity, long Amount);
