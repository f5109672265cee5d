using BillForU.Domain.Billing;

namespace BillForU.Grains.Settlement;

/// <summary>How a month is split and paced. Bound from the <c>BillForU:Settlement</c> section.</summary>
public sealed class SettlementOptions
{
    public const string Section = "BillForU:Settlement";

    /// <summary>Partitions per month; a few per core keeps every core busy while others wait on the database.</summary>
    public int Partitions { get; set; } = Math.Max(4, Environment.ProcessorCount * 4);

    /// <summary>Users read, priced and written per chunk (one transaction each).</summary>
    public int ChunkSize { get; set; } = 5_000;

    /// <summary>Bill events per stream item.</summary>
    public int EventBatchSize { get; set; } = 500;

    /// <summary>How often the coordinator polls its partitions (and restarts failed ones).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Failed attempts of one partition before the whole run is marked FAILED.</summary>
    public int MaxPartitionAttempts { get; set; } = 3;

    /// <summary>The operator's zone: it decides which instants belong to a billing month.</summary>
    public string TimeZone { get; set; } = "Asia/Seoul";

    public int IssueDayOffset { get; set; } = BillingTerms.Default.IssueDayOffset;

    public int DueDays { get; set; } = BillingTerms.Default.DueDays;

    public BillingTerms Terms => new(IssueDayOffset, DueDays);

    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
}
