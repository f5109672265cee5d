using BillForU.Domain.Billing;

namespace BillForU.Domain.Settlement;

/// <summary>One settlement run of a month as kept in the run history.</summary>
public sealed record SettlementRunRecord(
    string RunId,
    BillingMonth Month,
    SettlementRunStatus Status,
    int PartitionsTotal,
    int PartitionsDone,
    long BillsWritten,
    long EventsPublished,
    DateTime StartedAt,
    DateTime? FinishedAt,
    string? Error)
{
    public bool IsActive => Status is SettlementRunStatus.Pending or SettlementRunStatus.Running;
}
