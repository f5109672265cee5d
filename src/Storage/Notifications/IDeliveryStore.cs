using BillForU.Domain.Notifications;

namespace BillForU.Storage.Notifications;

/// <summary>Delivery state and the delivery log, written in batches (one bulk statement per batch).</summary>
public interface IDeliveryStore
{
    /// <summary>Inserts or replaces the states by (bill id, channel), in one transaction.</summary>
    Task UpsertStatesAsync(IReadOnlyList<DeliveryState> states, CancellationToken cancellationToken);

    /// <summary>Appends the attempts in one bulk statement.</summary>
    Task AppendAttemptsAsync(IReadOnlyList<DeliveryAttempt> attempts, CancellationToken cancellationToken);

    Task<IReadOnlyList<DeliveryState>> GetStatesAsync(IReadOnlyCollection<long> billIds, CancellationToken cancellationToken);

    /// <summary>States with <paramref name="status"/>, by bill id after <paramref name="afterBillId"/>, <paramref name="limit"/> at most.</summary>
    Task<IReadOnlyList<DeliveryState>> ListByStatusAsync(NotificationStatus status, long afterBillId, int limit, CancellationToken cancellationToken);

    /// <summary>Bills with work still to do (pending, deferred, scheduled, sending, retry wait), for recovery after a restart.</summary>
    Task<IReadOnlyList<DeliveryState>> ListUnfinishedAsync(long afterBillId, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Waiting states (deferred, scheduled, retry wait) due from just after (<paramref name="afterDue"/>, <paramref name="afterBillId"/>)
    /// up to <paramref name="dueBy"/>, in due order, that were last written before <paramref name="writtenBefore"/>: an ordered range of
    /// the due-time index, so waking what is due costs what is due.
    /// </summary>
    Task<IReadOnlyList<DeliveryState>> ListDueAsync(DateTime afterDue, long afterBillId, DateTime dueBy, DateTime writtenBefore, int limit, CancellationToken cancellationToken);

    /// <summary>Current states counted by channel and status (indexed; the dashboard polls it).</summary>
    Task<IReadOnlyList<StatusCount>> CountByStatusAsync(CancellationToken cancellationToken);

    /// <summary>Attempts per UTC hour and outcome in [from, to).</summary>
    Task<IReadOnlyList<HourlyCount>> CountAttemptsPerHourAsync(DateTime fromUtc, DateTime toUtc, CancellationToken cancellationToken);

    Task<IReadOnlyList<DeliveryAttempt>> GetAttemptsAsync(long billId, CancellationToken cancellationToken);
}
