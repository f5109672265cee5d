using BillForU.Domain.Settlement;
using BillForU.Grains.Interfaces.Settlement;

namespace BillForU.Admin.Contracts;

/// <summary>A settlement run with what the dashboard draws: progress 0–1, bills per second and the time left.</summary>
public sealed record RunItem(
    string RunId,
    string Month,
    SettlementRunStatus Status,
    int PartitionsTotal,
    int PartitionsDone,
    long UsersTotal,
    long UsersDone,
    long BillsWritten,
    long EventsPublished,
    DateTime StartedAt,
    DateTime? FinishedAt,
    string? Error,
    double Progress,
    double BillsPerSecond,
    double? EtaSeconds)
{
    public static RunItem Of(SettlementRunView run, DateTime now) => new(
        run.RunId, run.Month, run.Status, run.PartitionsTotal, run.PartitionsDone, run.UsersTotal, run.UsersDone,
        run.BillsWritten, run.EventsPublished, run.StartedAt, run.FinishedAt, run.Error,
        run.Progress, Math.Round(run.BillsPerSecond(now), 1), run.Eta(now)?.TotalSeconds);

    /// <summary>A run from the history table, which keeps no user counts: progress is by partitions there.</summary>
    public static RunItem Of(SettlementRunRecord run, DateTime now)
    {
        var elapsed = ((run.FinishedAt ?? now) - run.StartedAt).TotalSeconds;
        var progress = run.Status == SettlementRunStatus.Completed ? 1
            : run.PartitionsTotal == 0 ? 0 : (double)run.PartitionsDone / run.PartitionsTotal;
        return new(run.RunId, run.Month.ToString(), run.Status, run.PartitionsTotal, run.PartitionsDone, 0, 0,
            run.BillsWritten, run.EventsPublished, run.StartedAt, run.FinishedAt, run.Error,
            progress, elapsed > 0 ? Math.Round(run.BillsWritten / elapsed, 1) : 0, run.FinishedAt is null ? null : 0);
    }
}
