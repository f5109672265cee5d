using BillForU.Domain.Notifications;
using BillForU.Storage.Notifications;

namespace BillForU.Admin.Contracts;

/// <summary>Pages of delivery rows, keyed by bill id.</summary>
public static class DeliveryPages
{
    /// <summary>A bill has a row per channel it tried: up to this many rows past the limit complete the page's last bill.</summary>
    private const int ExtraRows = 2;

    /// <summary>The page the query asks for, from <see cref="ReadAsync"/>, or the problem with the query.</summary>
    public static async Task<Results<Ok<Page<DeliveryItem>>, ValidationProblem>> ListAsync(
        PageQuery query,
        CancellationToken cancellationToken,
        params Func<long, int, CancellationToken, Task<IReadOnlyList<DeliveryState>>>[] lists)
    {
        var errors = new ApiErrors();
        query.Validate(errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        return TypedResults.Ok(await ReadAsync(query, cancellationToken, lists));
    }

    /// <summary>The keyset-paged list of deliveries in one status, as <see cref="ReadAsync"/> takes it.</summary>
    public static Func<long, int, CancellationToken, Task<IReadOnlyList<DeliveryState>>> InStatus(IDeliveryStore deliveries, NotificationStatus status) =>
        (after, limit, ct) => deliveries.ListByStatusAsync(status, after, limit, ct);

    /// <summary>
    /// Reads a page from one or more status lists (each keyset-paged by bill id) and merges them. The cursor is a
    /// bill id, so a page ends on a whole bill: cut between two channels of one bill, the next page would skip the rest.
    /// </summary>
    public static async Task<Page<DeliveryItem>> ReadAsync(
        PageQuery query,
        CancellationToken cancellationToken,
        params Func<long, int, CancellationToken, Task<IReadOnlyList<DeliveryState>>>[] lists)
    {
        var limit = query.LimitOrDefault;
        var rows = new List<DeliveryState>();
        foreach (var list in lists)
        {
            rows.AddRange(await list(query.AfterOrStart, limit + ExtraRows, cancellationToken));
        }
        rows.Sort((a, b) => a.BillId != b.BillId ? a.BillId.CompareTo(b.BillId) : a.Channel.CompareTo(b.Channel));
        var take = Math.Min(limit, rows.Count);
        while (take > 0 && take < rows.Count && rows[take].BillId == rows[take - 1].BillId)
        {
            take++;
        }
        return new Page<DeliveryItem>(
            rows.Take(take).Select(DeliveryItem.Of).ToArray(),
            take < rows.Count ? rows[take - 1].BillId : null);
    }
}
