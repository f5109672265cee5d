namespace BillForU.Storage.Outages;

/// <summary>How work waits out a SQL store outage. Bound from the <c>BillForU:StorageRetry</c> section.</summary>
public sealed class StorageRetryOptions
{
    public const string Section = "BillForU:StorageRetry";

    /// <summary>The wait after the first failure; it doubles with every further one. Default 200 ms.</summary>
    public TimeSpan InitialDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest wait between two tries, however long the outage. Default 10 s.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(10);
}
