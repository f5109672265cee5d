using BillForU.Domain.Notifications;
using BillForU.Storage.Notifications.Relational;
using BillForU.Storage.Relational;
using BillForU.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace BillForU.Storage.Notifications.Sqlite;

/// <summary>
/// Delivery state and log in the embedded database. A batch is one write transaction through the file's
/// writer queue, with one natively prepared statement stepped per row (no round trip: SQLite runs in process).
/// </summary>
internal sealed class SqliteDeliveryStore(SqliteConnectionFactory connections) : IDeliveryStore
{
    private readonly DeliveryStateReads _reads = new(async cancellationToken => await connections.OpenAsync(cancellationToken), KeyListSql.SqliteJsonArray, static v => SqliteText.Instant(v));

    private const string UpsertSql = $"""
        INSERT INTO notification_deliveries ({NotificationRows.StateColumns})
        VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10)
        ON CONFLICT (bill_id, channel) DO UPDATE SET
            user_id = excluded.user_id, billing_month = excluded.billing_month, status = excluded.status,
            attempts = excluded.attempts, last_error = excluded.last_error, next_attempt_at = excluded.next_attempt_at,
            sent_at = excluded.sent_at, provider_message_id = excluded.provider_message_id, updated_at = excluded.updated_at
        """;

    private static readonly DeliveryCounterWrites Counters = new(
        "INSERT INTO notification_status_counts (status, channel, notices) VALUES (@status, @channel, @n) ON CONFLICT (status, channel) DO UPDATE SET notices = notices + excluded.notices",
        "INSERT INTO notification_attempts_hourly (hour, status, attempts) VALUES (@hour, @status, @n) ON CONFLICT (hour, status) DO UPDATE SET attempts = attempts + excluded.attempts",
        deliveriesByBill: "notification_deliveries",
        lockClause: "",
        KeyListSql.SqliteJsonArray);

    public Task UpsertStatesAsync(IReadOnlyList<DeliveryState> states, CancellationToken cancellationToken)
    {
        if (states.Count == 0)
        {
            return Task.CompletedTask;
        }
        // Key order keeps the writes to the clustered B-tree local; the sort is stable, so of two states of
        // one (bill, channel) in a batch the later one is written last and wins.
        var ordered = states.OrderBy(s => s.BillId).ThenBy(s => s.Channel).ToArray();
        return connections.WriteAsync(async (connection, transaction, ct) =>
        {
            // The file has one writer at a time, so the statuses read here cannot change before the commit.
            var stored = await Counters.StoredStatusesAsync(connection, transaction, ordered.Select(s => s.BillId), ct);
            WriteStates(connection, transaction, ordered, ct);
            await Counters.AddStatusCountsAsync(connection, transaction, DeliveryCounters.StatusDeltas(stored, ordered), ct);
            return ordered.Length;
        }, cancellationToken);
    }

    private static void WriteStates(SqliteConnection connection, SqliteTransaction transaction, DeliveryState[] ordered, CancellationToken ct)
    {
        {
            using var upsert = new SqlitePreparedStatement(connection, transaction, UpsertSql);
            foreach (var state in ordered)
            {
                ct.ThrowIfCancellationRequested();
                upsert[0].Value = state.BillId;
                upsert[1].Value = SqlNames.Of(state.Channel);
                upsert[2].Value = state.UserId;
                upsert[3].Value = state.BillingMonth;
                upsert[4].Value = NotificationNames.Of(state.Status);
                upsert[5].Value = state.Attempts;
                upsert[6].Value = (object?)state.LastError ?? DBNull.Value;
                upsert[7].Value = SqliteText.Instant(state.NextAttemptAt);
                upsert[8].Value = SqliteText.Instant(state.SentAt);
                upsert[9].Value = (object?)state.ProviderMessageId ?? DBNull.Value;
                upsert[10].Value = SqliteText.Instant(state.UpdatedAt);
                upsert.Execute();
            }
        }
    }

    public Task AppendAttemptsAsync(IReadOnlyList<DeliveryAttempt> attempts, CancellationToken cancellationToken)
    {
        if (attempts.Count == 0)
        {
            return Task.CompletedTask;
        }
        return connections.WriteAsync(async (connection, transaction, ct) =>
        {
            WriteAttempts(connection, transaction, attempts, ct);
            await Counters.AddHourlyAttemptsAsync(connection, transaction, attempts, ct);
            return attempts.Count;
        }, cancellationToken);
    }

    private static void WriteAttempts(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<DeliveryAttempt> attempts, CancellationToken ct)
    {
        {
            using var insert = SqlitePreparedStatement.Insert(connection, transaction, "notification_attempts", NotificationRows.AttemptColumns);
            foreach (var attempt in attempts)
            {
                ct.ThrowIfCancellationRequested();
                insert[0].Value = attempt.BillId;
                insert[1].Value = SqlNames.Of(attempt.Channel);
                insert[2].Value = attempt.Attempt;
                insert[3].Value = NotificationNames.Of(attempt.Status);
                insert[4].Value = (object?)attempt.Error ?? DBNull.Value;
                insert[5].Value = (object?)attempt.ProviderMessageId ?? DBNull.Value;
                insert[6].Value = SqliteText.Instant(attempt.At);
                insert.Execute();
            }
        }
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
}
