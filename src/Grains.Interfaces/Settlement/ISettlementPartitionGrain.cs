namespace BillForU.Grains.Interfaces.Settlement;

/// <summary>
/// Settles one partition of a month (key <c>yyyy-MM/n</c>) in chunks: read, price, write, checkpoint, publish.
/// The work runs in the background; the coordinator polls it, which also restarts it from its checkpoint
/// after a failure or on a new activation.
/// </summary>
public interface ISettlementPartitionGrain : IGrainWithStringKey
{
    Task<PartitionProgress> EnsureRunningAsync(PartitionAssignment assignment);

    Task StopAsync();
}
