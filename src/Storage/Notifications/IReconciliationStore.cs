using BillForU.Domain.Billing;

namespace BillForU.Storage.Notifications;

/// <summary>
/// Which settled bills have a durable notice record (a delivery row): the reads of the reconciliation sweep, which
/// hands the others over again, and of the month's reconciliation report.
/// </summary>
public interface IReconciliationStore
{
    /// <summary>Months with a settlement run on record, oldest first.</summary>
    Task<IReadOnlyList<BillingMonth>> ListSettledMonthsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Up to <paramref name="limit"/> bills of the month after <paramref name="afterBillId"/>, in id order, with no delivery
    /// row at all: an anti-join of the month's bill-id range against the delivery rows' primary key.
    /// </summary>
    Task<IReadOnlyList<BillHeader>> ListBillsWithoutNoticeAsync(BillingMonth month, long afterBillId, int limit, CancellationToken cancellationToken);

    /// <summary>The bills of these ids that exist.</summary>
    Task<IReadOnlyList<BillHeader>> GetBillHeadersAsync(IReadOnlyCollection<long> billIds, CancellationToken cancellationToken);

    /// <param name="sample">How many missing bill ids and repeated notice ids to list.</param>
    Task<MonthReconciliation> ReconcileAsync(BillingMonth month, int sample, CancellationToken cancellationToken);
}
