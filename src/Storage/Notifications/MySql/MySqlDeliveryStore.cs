using System.Data;
using System.Text;
using BillForU.Domain.Notifications;
using BillForU.Storage.MySql;
using BillForU.Storage.Notifications.Relational;
using BillForU.Storage.Relational;
using MySqlConnector;

namespace BillForU.Storage.Notifications.MySql;

/// <summary>
/// Delivery state and log on MySQL/MariaDB. A batch of states is one transaction of multi-row
/// <c>INSERT … ON DUPLICATE KEY UPDATE</c> statements; a batch of attempts is one LOAD DATA LOCAL. Neither
/// makes a round trip per row.
/// </summary>
internal sealed class MySqlDeliveryStore(MySqlConnectionFactory connections) : IDeliveryStore
{
    private readonly DeliveryStateReads _reads = new(async cancellationToken => await connections.OpenAsync(cancellationToken), KeyListSql.ParameterPerKey);

    /// <summary>Rows per upsert statement: about 200 KB of SQL, well under the default max_allowed_packet.</summary>
    private const int RowsPerUpsert = 1_000;

    private const int StateParameters = 11;

    // VALUES(column) rather than MySQL 8's row alias: MariaDB understands only the former.
    private const string UpsertTail = """
         ON DUPLICATE KEY UPDATE
            user_id = VALUES(user_id), billing_month = VALUES(billing_month), status = VALUES(status),
            attempts = VALUES(attempts), last_error = VALUES(last_error), next_attempt_at = VALUES(next_attempt_at),
            sent_at = VALUES(sent_at), provider_message_id = VALUES(provider_message_id), updated_at = VALUES(updated_at)
        """;

    // FOR UPDATE: another silo's writer could change one of the batch's rows between the read and the upsert.
    private static readonly DeliveryCounterWrites Counters = new(
        "INSERT INTO notification_status_counts (status, channel, notices) VALUES (@status, @channel, @n) ON DUPLICATE KEY UPDATE notices = notices + VALUES(notices)",
        "INSERT INTO notification_attempts_hourly (hour, status, attempts) VALUES (@hour, @status, @n) ON DUPLICATE KEY UPDATE attempts = attempts + VALUES(attempts)",
        lockClause: " FOR UPDATE",
        KeyListSql.ParameterPerKey);

    private static readonly string FullUpsert = UpsertSql(RowsPerUpsert);

    public async Task UpsertStatesAsync(IReadOnlyList<DeliveryState> states, CancellationToken cancellationToken)
    {
        if (states.Count == 0)
        {
            return;
        }
        // Key order: concurrent writers (one per silo) lock rows in the same order and cannot deadlock, and the
        // clustered index is written in runs. The sort is stable, so of two states of one (bill, channel) in a
        // batch the later one is applied last and wins. READ COMMITTED: no gap locks between neighbouring keys.
        var ordered = states.OrderBy(s => s.BillId).ThenBy(s => s.Channel).ToArray();
        await connections.InTransactionAsync(IsolationLevel.ReadCommitted, async (connection, transaction, ct) =>
        {
            var stored = await Counters.StoredStatusesAsync(connection, transaction, ordered.Select(s => s.BillId), ct);
            foreach (var chunk in ordered.Chunk(RowsPerUpsert))
            {
                using var upsert = MySqlConnectionFactory.Command(connection, transaction,
                    chunk.Length == RowsPerUpsert ? FullUpsert : UpsertSql(chunk.Length), timeoutSeconds: 120);
                // Positional parameters: 11,000 of them per statement, not worth a name lookup each.
                foreach (var state in chunk)
                {
                    Add(upsert, state.BillId);
                    Add(upsert, SqlNames.Of(state.Channel));
                    Add(upsert, state.UserId);
                    Add(upsert, state.BillingMonth);
                    Add(upsert, NotificationNames.Of(state.Status));
                    Add(upsert, state.Attempts);
                    Add(upsert, state.LastError);
                    Add(upsert, SqlValues.ToUtcOrNull(state.NextAttemptAt));
                    Add(upsert, SqlValues.ToUtcOrNull(state.SentAt));
                    Add(upsert, state.ProviderMessageId);
                    Add(upsert, SqlValues.ToUtc(state.UpdatedAt));
                }
                await upsert.ExecuteNonQueryAsync(ct);
            }
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

    public Task<IReadOnlyList<StatusCount>> CountByStatusAsync(CancellationToken cancellationToken) =>
        _reads.CountByStatusAsync(cancellationToken);

    public Task<IReadOnlyList<HourlyCount>> CountAttemptsPerHourAsync(DateTime fromUtc, DateTime toUtc, CancellationToken cancellationToken) =>
        _reads.CountAttemptsPerHourAsync(fromUtc, toUtc, cancellationToken);

    public Task<IReadOnlyList<DeliveryAttempt>> GetAttemptsAsync(long billId, CancellationToken cancellationToken) =>
        _reads.GetAttemptsAsync(billId, cancellationToken);

    private static TsvBuffer TextOrNull(TsvBuffer rows, string? value) => value is null ? rows.Null() : rows.Text(value);

    private static void Add(MySqlCommand command, object? value) => command.Parameters.Add(new MySqlParameter { Value = value ?? DBNull.Value });

    private static string UpsertSql(int rows)
    {
        var row = "(" + string.Join(", ", Enumerable.Repeat("?", StateParameters)) + ")";
        var sql = new StringBuilder(rows * (row.Length + 2) + 512);
        sql.Append($"INSERT INTO notification_deliveries ({NotificationRows.StateColumns}) VALUES ");
        for (var i = 0; i < rows; i++)
        {
            sql.Append(i == 0 ? "" : ", ").Append(row);
        }
        return sql.Append(UpsertTail).ToString();
    }
}
