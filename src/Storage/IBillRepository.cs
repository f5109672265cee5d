using BillForU.Domain.Billing;

namespace BillForU.Storage;

/// <summary>Bills as settlement writes them and the event outbox flag on each (design §2).</summary>
public interface IBillRepository
{
    /// <summary>
    /// In one transaction: deletes the month's bills and lines of the chunk's user range, bulk-inserts the
    /// chunk's bills and lines, and advances the partition checkpoint (committed user id, bills written).
    /// </summary>
    Task WriteChunkAsync(BillChunk chunk, CancellationToken cancellationToken);

    /// <summary>Sets <c>event_published_at</c> on the month's bills of users (after, last] that have none.</summary>
    Task<int> MarkEventsPublishedAsync(BillingMonth month, long afterUserId, long lastUserId, DateTime publishedAt, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="max"/> bills of users (after, last] whose event is not yet published, in user order.</summary>
    Task<IReadOnlyList<BillHeader>> ReadUnpublishedAsync(BillingMonth month, long afterUserId, long lastUserId, int max, CancellationToken cancellationToken);

    Task<MonthSummary> GetMonthSummaryAsync(BillingMonth month, CancellationToken cancellationToken);

    Task<StoredBill?> GetBillAsync(long billId, CancellationToken cancellationToken);

    /// <summary>Bills of the month in user order, <paramref name="limit"/> at most, after <paramref name="afterUserId"/>.</summary>
    Task<IReadOnlyList<BillHeader>> ListBillsAsync(BillingMonth month, long afterUserId, int limit, CancellationToken cancellationToken);
}
