using BillForU.Domain.Billing;
using BillForU.Domain.Settlement;

namespace BillForU.Storage;

/// <summary>Settlement run history and per-partition checkpoints, the durable truth a run resumes from.</summary>
public interface ISettlementRunRepository
{
    Task<SettlementRunRecord?> GetLatestRunAsync(BillingMonth month, CancellationToken cancellationToken);

    /// <summary>Inserts the run or updates it by <see cref="SettlementRunRecord.RunId"/>.</summary>
    Task SaveRunAsync(SettlementRunRecord run, CancellationToken cancellationToken);

    /// <summary>Runs newest first.</summary>
    Task<IReadOnlyList<SettlementRunRecord>> ListRunsAsync(int offset, int limit, CancellationToken cancellationToken);

    Task<IReadOnlyList<PartitionCheckpoint>> GetCheckpointsAsync(BillingMonth month, CancellationToken cancellationToken);

    /// <summary>Stores the month's partition plan; partitions already present keep their progress.</summary>
    Task InitCheckpointsAsync(IReadOnlyList<PartitionCheckpoint> partitions, CancellationToken cancellationToken);

    Task CompletePartitionAsync(BillingMonth month, int partition, CancellationToken cancellationToken);

    /// <summary>Forgets the month's checkpoints, bills and lines, so the month settles from scratch.</summary>
    Task ResetMonthAsync(BillingMonth month, CancellationToken cancellationToken);
}
