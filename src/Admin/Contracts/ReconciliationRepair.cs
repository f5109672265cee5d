using BillForU.Storage.Notifications;

namespace BillForU.Admin.Contracts;

/// <summary>What a repair did: the bills it handed over, and the month's reconciliation once their rows were written.</summary>
public sealed record ReconciliationRepair(long HandedOver, MonthReconciliation Now);
