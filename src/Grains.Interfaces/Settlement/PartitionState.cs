namespace BillForU.Grains.Interfaces.Settlement;

public enum PartitionState
{
    Running = 1,
    Completed = 2,
    Failed = 3,
    Stopped = 4,
}
