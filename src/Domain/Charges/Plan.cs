namespace BillForU.Domain.Charges;

public sealed record Plan(int Id, string Name, string Category, string Network, long MonthlyFee, int? DataLimitMb, int? VoiceLimitMinutes, bool Active);
