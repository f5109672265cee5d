using System.Data.Common;
using BillForU.Domain.Notifications;
using BillForU.Storage.Relational;

namespace BillForU.Storage.Notifications.Relational;

/// <summary>
/// The delivery-store reads that are the same SQL on SQLite and MySQL: only how a connection is opened and how a
/// set of keys and an instant are bound differ, so both stores hand this their opener, key list and instant binding.
/// </summary>
internal sealed class DeliveryStateReads(Func<CancellationToken, Task<DbConnection>> open, KeyListSql keys, Func<DateTime, object> instant)
{
    public async Task<IReadOnlyList<DeliveryState>> GetStatesAsync(IReadOnlyCollection<long> billIds, CancellationToken cancellationToken)
    {
        var states = new List<DeliveryState>();
        if (billIds.Count == 0)
        {
            return states;
        }
        await using var connection = await open(cancellationToken);
        foreach (var slice in NotificationRows.Slices(billIds))
        {
            // A dense slice is one range probe (a batch of bills never notified finds nothing in it).
            await using var select = DbCommands.Create(connection, null, "");
            var ranged = DenseKeyRange.Prepare(select, keys, slice, NotificationSql.StatesBetween, NotificationSql.StatesOfBills);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var state = NotificationRows.State(reader);
                if (!ranged || Array.BinarySearch(slice, state.BillId) >= 0)
                {
                    states.Add(state);
                }
            }
        }
        return states;
    }

    public async Task<IReadOnlyList<DeliveryState>> ListByStatusAsync(NotificationStatus status, long afterBillId, int limit, CancellationToken cancellationToken)
    {
        if (limit <= 0)
        {
            return [];
        }
        await using var connection = await open(cancellationToken);
        await using var select = DbCommands.Create(connection, null, NotificationSql.ListByStatus);
        select.AddParameter("@status", NotificationNames.Of(status));
        return await ReadPageAsync(select, afterBillId, limit, cancellationToken);
    }

    public async Task<IReadOnlyList<DeliveryState>> ListUnfinishedAsync(long afterBillId, int limit, CancellationToken cancellationToken)
    {
        if (limit <= 0)
        {
            return [];
        }
        await using var connection = await open(cancellationToken);
        await using var select = DbCommands.Create(connection, null, NotificationSql.ListUnfinished);
        return await ReadPageAsync(select, afterBillId, limit, cancellationToken);
    }

    public async Task<IReadOnlyList<DeliveryState>> ListDueAsync(
        DateTime afterDue, long afterBillId, DateTime dueBy, DateTime writtenBefore, int limit, CancellationToken cancellationToken)
    {
        if (limit <= 0)
        {
            return [];
        }
        await using var connection = await open(cancellationToken);
        await using var select = DbCommands.Create(connection, null, NotificationSql.ListDue);
        select.AddParameter("@at", instant(afterDue));
        select.AddParameter("@bill", afterBillId);
        select.AddParameter("@to", instant(dueBy));
        select.AddParameter("@before", instant(writtenBefore));
        select.AddParameter("@limit", limit);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        return await RowMappers.ReadAllAsync(reader, NotificationRows.State, cancellationToken);
    }

    /// <summary>From the maintained counters: a few rows, however many notices there are.</summary>
    public async Task<IReadOnlyList<StatusCount>> CountByStatusAsync(CancellationToken cancellationToken)
    {
        await using var connection = await open(cancellationToken);
        await using var select = DbCommands.Create(connection, null, DeliveryCounters.CountsSql);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        return await RowMappers.ReadAllAsync(reader, static r => new StatusCount(
            NotificationNames.ChannelOf(r.GetString(1)),
            NotificationNames.StatusOf(r.GetString(0)),
            Convert.ToInt64(r.GetValue(2), System.Globalization.CultureInfo.InvariantCulture)), cancellationToken);
    }

    /// <summary>From the maintained hourly counters: one row per hour and status.</summary>
    public async Task<IReadOnlyList<HourlyCount>> CountAttemptsPerHourAsync(DateTime fromUtc, DateTime toUtc, CancellationToken cancellationToken)
    {
        var (from, to) = DeliveryCounters.HourRange(fromUtc, toUtc);
        await using var connection = await open(cancellationToken);
        await using var select = DbCommands.Create(connection, null, DeliveryCounters.HourlySql);
        select.AddParameter("@from", from);
        select.AddParameter("@to", to);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        return await NotificationRows.ReadHourlyCountsAsync(reader, cancellationToken);
    }

    public async Task<IReadOnlyList<DeliveryAttempt>> GetAttemptsAsync(long billId, CancellationToken cancellationToken)
    {
        await using var connection = await open(cancellationToken);
        await using var select = DbCommands.Create(connection, null, NotificationSql.AttemptsOfBill);
        select.AddParameter("@bill", billId);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        return await RowMappers.ReadAllAsync(reader, NotificationRows.Attempt, cancellationToken);
    }

    private static async Task<IReadOnlyList<DeliveryState>> ReadPageAsync(DbCommand select, long afterBillId, int limit, CancellationToken cancellationToken)
    {
        select.AddParameter("@after", afterBillId);
        select.AddParameter("@limit", limit + NotificationRows.MaxRowsPerBill - 1);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        var rows = new List<DeliveryState>(limit);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(NotificationRows.State(reader));
        }
        return NotificationRows.WholeBills(rows, limit);
    }
}
