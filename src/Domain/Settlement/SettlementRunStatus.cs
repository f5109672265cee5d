namespace BillForU.Domain.Settlement;

public enum SettlementRunStatus
{
    Pending = 1,
    Running = 2,
    Completed = 3,
    Failed = 4,
    Cancelled = 5,
}
