using BillForU.Domain.Settlement;
using BillForU.Grains.Interfaces.Settlement;

namespace BillForU.Silo.Jobs;

internal static class SettlementRunViewExtensions
{
    public static bool IsActive(this SettlementRunView run) =>
        run.Status is SettlementRunStatus.Pending or SettlementRunStatus.Running;
}
