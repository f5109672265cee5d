namespace BillForU.Grains.Interfaces.Settlement;

/// <summary>
/// Settles one billing month (key <c>yyyy-MM</c>): splits the user id space into partitions, drives a
/// <see cref="ISettlementPartitionGrain"/> per partition to completion, and keeps the run's progress.
/// One active run per month; a failed or interrupted run resumes from its checkpoints.
/// </summary>
public interface ISettlementCoordinatorGrain : IGrainWithStringKey
{
    Task<StartSettlementResult> StartAsync(SettlementRequest request);

    /// <returns>The month's latest run, or null when it never ran.</returns>
    Task<SettlementRunView?> GetStatusAsync();

    /// <returns>The run after cancelling, or null when no run was active.</returns>
    Task<SettlementRunView?> CancelAsync();
}
