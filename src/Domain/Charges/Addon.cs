namespace BillForU.Domain.Charges;

public sealed record Addon(int Id, string Name, string Category, long MonthlyFee, bool Active);
