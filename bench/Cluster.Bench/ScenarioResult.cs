using BillForU.Cluster.Harness;

namespace BillForU.Cluster.Bench;

/// <summary>What one run of the full pipeline on a given number of silos measured.</summary>
public sealed record ScenarioResult(
    int Silos,
    long SeedRows,
    TimeSpan Seed,
    long Bills,
    TimeSpan Settle,
    TimeSpan Notified,
    long EmailsCaptured,
    long HttpDelivered,
    long Resends,
    IReadOnlyList<(string Name, long PeakBytes, SiloCounters Counters)> Processes,
    long HarnessPeakBytes,
    int DataLossLines)
{
    public double BillsPerSecond => Bills / Settle.TotalSeconds;

    public double NoticesPerSecond => Bills / Notified.TotalSeconds;
}
