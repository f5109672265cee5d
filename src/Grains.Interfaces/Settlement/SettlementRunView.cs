using BillForU.Domain.Settlement;

namespace BillForU.Grains.Interfaces.Settlement;

/// <summary>A settlement run as callers see it, with live progress.</summary>
[GenerateSerializer, Immutable, Alias("BillForU.SettlementRunView")]
public sealed record SettlementRunView(
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
    string? Error)
{
    public double Progress => UsersTotal == 0 ? (Status == SettlementRunStatus.Completed ? 1 : 0) : Math.Min(1, (double)UsersDone / UsersTotal);

    public TimeSpan Elapsed(DateTime now) => (FinishedAt ?? now) - StartedAt;

    public double BillsPerSecond(DateTime now) => Elapsed(now).TotalSeconds is var s and > 0 ? BillsWritten / s : 0;

    /// <returns>Null until there is a rate to extrapolate from.</returns>
    public TimeSpan? Eta(DateTime now)
    {
        if (FinishedAt is not null)
        {
            return TimeSpan.Zero;
        }
        var progress = Progress;
        return progress is > 0 and < 1 ? Elapsed(now) * ((1 - progress) / progress) : null;
    }
}
