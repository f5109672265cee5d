using System.Data.Common;
using BillForU.Domain.Customers;
using BillForU.Domain.Notifications;
using BillForU.Storage.Relational;

namespace BillForU.Storage.Notifications.Relational;

/// <summary>
/// Keeps the dashboard's counters in step with a delivery-log batch, inside the batch's transaction. Only the
/// "add to a counter" upsert differs between the dialects, so each store hands its own.
/// </summary>
/// <param name="statusUpsert">Adds @n to the (@status, @channel) row of <c>notification_status_counts</c>, creating it.</param>
/// <param name="hourlyUpsert">Adds @n to the (@hour, @status) row of <c>notification_attempts_hourly</c>, creating it.</param>
/// <param name="deliveriesByBill">How the read of the statuses on record names <c>notification_deliveries</c>, with the dialect's index hint if it needs one.</param>
/// <param name="lockClause">Appended to the read of the statuses on record (" FOR UPDATE" where other writers may race).</param>
/// <param name="keys">How the dialect binds the batch's keys.</param>
internal sealed class DeliveryCounterWrites(string statusUpsert, string hourlyUpsert, string deliveriesByBill, string lockClause, KeyListSql keys)
{
    /// <summary>The statuses on record for the batch's keys, read (and locked, where the dialect needs it) before the batch is written.</summary>
    public async Task<IReadOnlyDictionary<(long BillId, Channel Channel), NotificationStatus>> StoredStatusesAsync(
        DbConnection connection, DbTransaction transaction, IEnumerable<long> billIds, CancellationToken cancellationToken)
    {
        var stored = new Dictionary<(long, Channel), NotificationStatus>();
        foreach (var slice in NotificationRows.Slices(billIds))
        {
            await using var select = DbCommands.Create(connection, transaction,
                $"SELECT bill_id, channel, status FROM {deliveriesByBill} WHERE bill_id IN ({keys.In(slice.Length)}){lockClause}");
            keys.Bind(select, slice);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                stored[(reader.GetInt64(0), NotificationNames.ChannelOf(reader.GetString(1)))] = NotificationNames.StatusOf(reader.GetString(2));
            }
        }
        return stored;
    }

    public async Task AddStatusCountsAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<StatusCount> deltas, CancellationToken cancellationToken)
    {
        foreach (var delta in deltas.OrderBy(d => d.Status).ThenBy(d => d.Channel))
        {
            await using var upsert = DbCommands.Create(connection, transaction, statusUpsert);
            upsert.AddParameter("@status", NotificationNames.Of(delta.Status));
            upsert.AddParameter("@channel", SqlNames.Of(delta.Channel));
            upsert.AddParameter("@n", delta.Count);
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public async Task AddHourlyAttemptsAsync(DbConnection connection, DbTransaction transaction, IEnumerable<DeliveryAttempt> attempts, CancellationToken cancellationToken)
    {
        foreach (var (hour, status, count) in DeliveryCounters.HourlyDeltas(attempts).OrderBy(d => d.Hour).ThenBy(d => d.Status))
        {
            await using var upsert = DbCommands.Create(connection, transaction, hourlyUpsert);
            upsert.AddParameter("@hour", hour);
            upsert.AddParameter("@status", NotificationNames.Of(status));
            upsert.AddParameter("@n", count);
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
