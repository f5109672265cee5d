namespace BillForU.Storage;

/// <summary>Which generated dataset a database holds (one row), so a run can tell whether to seed.</summary>
public sealed record DatasetInfo(long Seed, int Users, string Month, DateTime SeededAt);
