using BillForU.Domain.Billing;
using BillForU.Domain.Charges;

namespace BillForU.Storage;

/// <summary>What settlement reads: the user id space, the catalog, and users' charges in id order.</summary>
public interface IBillingDataSource
{
    /// <returns>Null when there are no users.</returns>
    Task<UserIdBounds?> GetUserIdBoundsAsync(CancellationToken cancellationToken);

    Task<PriceCatalog> GetCatalogAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Up to <paramref name="maxUsers"/> users with ids in (<paramref name="afterUserId"/>, <paramref name="lastUserId"/>],
    /// in id order, each with the plans, add-ons and installments that may touch the month and the micro-payments
    /// paid inside <paramref name="window"/>. Users with nothing are included (with empty lists).
    /// </summary>
    Task<ChargesChunk> ReadChargesAsync(SettlementWindow window, long afterUserId, long lastUserId, int maxUsers, CancellationToken cancellationToken);
}
