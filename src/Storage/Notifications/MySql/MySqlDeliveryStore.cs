using System.Data;
using BillForU.Domain.Notifications;
using BillForU.Storage.MySql;
using BillForU.Storage.Notifications.Relational;
using BillForU.Storage.Relational;

namespace BillForU.Storage.Notifications.MySql;

/// <summary>
/// Delivery state and log on MySQL/MariaDB. A batch of states is one LOAD DATA LOCAL … REPLACE (the newest state of
/// a notice replaces its row), a batch of attempts one LOAD DATA LOCAL, each with the counters in its transaction.
/// Neither makes a round trip per row.
/// </summary>
internal sealed class MySqlDeliveryStore(MySqlConnectionFactory connections) : IDeliveryStore
{
    private readonly DeliveryStateReads _reads = new(async cancellationToken => await connections.OpenAsync(cancellationToken), KeyListSql.ParameterPerKey, static v => SqlValues.ToUtc(v));

    // FOR UPDATE: another silo's writer could change one of the batch's rows between the read and the upsert.
    // FORCE INDEX (PRIMARY): the read's columns are all in the status index, and for an IN list longer than
    // eq_range_index_dive_limit the optimizer prices the key lookups from InnoDB's statistics alone. Statistics taken
    // while the table was small or just truncated (one distinct bill id, say) make 500 lookups look like the whole
    // table, and the plan became a scan of the status index — every row read, and every row locked, for each slice of
    // every batch. Seen in the cluster benchmark: 241,000 row locks held by one 500-key read, notices down from ~8,000
    // to ~3,000 a second for minutes, until InnoDB refreshed its statistics.
    private static readonly DeliveryCounterWrites Counters = new(
        "INSERT INTO notification_status_counts (status, channel, notices) VALUES (@status, @channel, @n) ON DUPLICATE KEY UPDATE notices = notices + VALUES(notices)",
        "INSERT INTO notification_attempts_hourly (hour, status, attempts) VALUES (@hour, @status, @n) ON DUPLICATE KEY UPDATE attempts = attempts + VALUES(attempts)",
        deliveriesByBill: "notification_deliveries FORCE INDEX (PRIMARY)",
        lockClause: " FOR UPDATE",
        KeyListSql.ParameterPerKey);

    public async Task UpsertStatesAsync(IReadOnlyList<DeliveryState> states, CancellationToken cancellationToken)
    {
        if (states.Count == 0)
        {
            return;
        }
        // Key order: concurrent writers (one per silo) lock rows in the same order and cannot deadlock, and the
        // clustered index is written in runs. The sort is stable and REPLACE applies rows in file order, so of two states
        // of one (bill, channel) in a batch the later one wins. READ COMMITTED: no gap locks between neighbouring keys.
        var ordered = states.OrderBy(s => s.BillId).ThenBy(s => s.Channel).ToArray();
        var rows = new TsvBuffer(ordered.Length * 96 + 64);
        foreach (var state in ordered)
        {
            rows.Long(state.BillId).Text(SqlNames.Of(state.Channel)).Long(state.UserId).Text(state.BillingMonth)
                .Text(NotificationNames.Of(state.Status)).Long(state.Attempts);
            TextOrNull(rows, state.LastError);
            rows.Instant(state.NextAttemptAt).Instant(state.SentAt);
            TextOrNull(rows, state.ProviderMessageId);
            rows.Instant(state.UpdatedAt).EndRow();
        }
        await connections.InTransactionAsync(IsolationLevel.ReadCommitted, async (connection, transaction, ct) =>
        {
            var stored = await Counters.StoredStatusesAsync(connection, transaction, ordered.Select(s => s.BillId), ct);
            // Rows go in whole by one LOAD DATA … REPLACE: a multi-row INSERT of thousands of rows costs a parameter
            // object per value here and a parse of ~200 KB of SQL there, and loading into a staging table first to
            // INSERT … SELECT … ON DUPLICATE KEY UPDATE from it writes every row twice.
            await MySqlConnectionFactory.ReplaceAsync(connection, "notification_deliveries", NotificationRows.StateColumns, rows, ct);
            await Counters.AddStatusCountsAsync(connection, transaction, DeliveryCounters.StatusDeltas(stored, ordered), ct);
            return true;
        }, cancellationToken);
    }

    public async Task AppendAttemptsAsync(IReadOnlyList<DeliveryAttempt> attempts, CancellationToken cancellationToken)
    {
        if (attempts.Count == 0)
        {
            return;
        }
        var rows = new TsvBuffer(attempts.Count * 96 + 64);
        foreach (var attempt in attempts)
        {
            rows.Long(attempt.BillId).Text(SqlNames.Of(attempt.Channel)).Long(attempt.Attempt).Text(NotificationNames.Of(attempt.Status));
            TextOrNull(rows, attempt.Error);
            TextOrNull(rows, attempt.ProviderMessageId);
            rows.Instant(attempt.At).EndRow();
        }
        await connections.InTransactionAsync(IsolationLevel.ReadCommitted, async (connection, transaction, ct) =>
        {
            await MySqlConnectionFactory.LoadAsync(connection, "notification_attempts", NotificationRows.AttemptColumns, rows, ct);
            await Counters.AddHourlyAttemptsAsync(connection, transaction, attempts, ct);
            return true;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<DeliveryState>> GetStatesAsync(IReadOnlyCollection<long> billIds, CancellationToken cancellationToken) =>
        _reads.GetStatesAsync(billIds, cancellationToken);

    public Task<IReadOnlyList<DeliveryState>> ListByStatusAsync(NotificationStatus status, long afterBillId, int limit, CancellationToken cancellationToken) =>
        _reads.ListByStatusAsync(status, afterBillId, limit, cancellationToken);

    public Task<IReadOnlyList<DeliveryState>> ListUnfinishedAsync(long afterBillId, int limit, CancellationToken cancellationToken) =>
        _reads.ListUnfinishedAsync(afterBillId, limit, cancellationToken);

    public Task<IReadOnlyList<DeliveryState>> ListDueAsync(DateTime afterDue, long afterBillId, DateTime dueBy, DateTime writtenBefore, int limit, CancellationToken cancellationToken) =>
        _reads.ListDueAsync(afterDue, afterBillId, dueBy, writtenBefore, limit, cancellationToken);

    public Task<IReadOnlyList<StatusCount>> CountByStatusAsync(CancellationToken cancellationToken) =>
        _reads.CountByStatusAsync(cancellationToken);

    public Task<IReadOnlyList<HourlyCount>> CountAttemptsPerHourAsync(DateTime fromUtc, DateTime toUtc, CancellationToken cancellationToken) =>
        _reads.CountAttemptsPerHourAsync(fromUtc, toUtc, cancellationToken);

    public Task<IReadOnlyList<DeliveryAttempt>> GetAttemptsAsync(long billId, CancellationToken cancellationToken) =>
        _reads.GetAttemptsAsync(billId, cancellationToken);

    private static TsvBuffer TextOrNull(TsvBuffer rows, string? value) => value is null ? rows.Null() : rows.Text(value);
}
