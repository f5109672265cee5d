using System.Data;
using System.Globalization;
using System.Text;
using BillForU.Domain.Billing;
using BillForU.Domain.Settlement;
using BillForU.Storage.Relational;

namespace BillForU.Storage.MySql;

internal sealed class MySqlSettlementRunRepository(MySqlConnectionFactory connections) : ISettlementRunRepository
{
    public async Task<SettlementRunRecord?> GetLatestRunAsync(BillingMonth month, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        using var command = MySqlConnectionFactory.Command(connection, null,
            $"SELECT {RowMappers.RunColumns} FROM settlement_runs WHERE billing_month = @month ORDER BY started_at DESC, run_id DESC LIMIT 1");
        command.Parameters.AddWithValue("@month", month.ToString());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? RowMappers.Run(reader) : null;
    }

    public async Task SaveRunAsync(SettlementRunRecord run, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        // VALUES(column) rather than MySQL 8's row alias: MariaDB understands only the former.
        using var upsert = MySqlConnectionFactory.Command(connection, null, $"""
            INSERT INTO settlement_runs ({RowMappers.RunColumns})
            VALUES (@id, @month, @status, @total, @done, @bills, @events, @started, @finished, @error)
            ON DUPLICATE KEY UPDATE
                billing_month = VALUES(billing_month), status = VALUES(status),
                partitions_total = VALUES(partitions_total), partitions_done = VALUES(partitions_done),
                bills_written = VALUES(bills_written), events_published = VALUES(events_published),
                started_at = VALUES(started_at), finished_at = VALUES(finished_at), error = VALUES(error)
            """);
        upsert.Parameters.AddWithValue("@id", run.RunId);
        upsert.Parameters.AddWithValue("@month", run.Month.ToString());
        upsert.Parameters.AddWithValue("@status", SqlNames.Of(run.Status));
        upsert.Parameters.AddWithValue("@total", run.PartitionsTotal);
        upsert.Parameters.AddWithValue("@done", run.PartitionsDone);
        upsert.Parameters.AddWithValue("@bills", run.BillsWritten);
        upsert.Parameters.AddWithValue("@events", run.EventsPublished);
        upsert.Parameters.AddWithValue("@started", SqlValues.ToUtc(run.StartedAt));
        upsert.Parameters.AddWithValue("@finished", SqlValues.ToUtcOrNull(run.FinishedAt));
        upsert.Parameters.AddWithValue("@error", (object?)run.Error ?? DBNull.Value);
        await upsert.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<SettlementRunRecord>> ListRunsAsync(int offset, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        using var command = MySqlConnectionFactory.Command(connection, null,
            $"SELECT {RowMappers.RunColumns} FROM settlement_runs ORDER BY started_at DESC, run_id DESC LIMIT @limit OFFSET @offset");
        command.Parameters.AddWithValue("@limit", Math.Max(limit, 0));
        command.Parameters.AddWithValue("@offset", Math.Max(offset, 0));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await RowMappers.ReadAllAsync(reader, RowMappers.Run, cancellationToken);
    }

    public async Task<IReadOnlyList<PartitionCheckpoint>> GetCheckpointsAsync(BillingMonth month, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        using var command = MySqlConnectionFactory.Command(connection, null,
            $"SELECT {RowMappers.CheckpointColumns} FROM settlement_checkpoints WHERE billing_month = @month ORDER BY partition_no");
        command.Parameters.AddWithValue("@month", month.ToString());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await RowMappers.ReadAllAsync(reader, RowMappers.Checkpoint, cancellationToken);
    }

    public async Task InitCheckpointsAsync(IReadOnlyList<PartitionCheckpoint> partitions, CancellationToken cancellationToken)
    {
        if (partitions.Count == 0)
        {
            return;
        }
        await using var connection = await connections.OpenAsync(cancellationToken);
        // One multi-row statement for the whole plan; IGNORE keeps the rows (and progress) already there.
        var sql = new StringBuilder($"INSERT IGNORE INTO settlement_checkpoints ({RowMappers.CheckpointColumns}) VALUES ");
        using var insert = MySqlConnectionFactory.Command(connection, null, string.Empty);
        for (var i = 0; i < partitions.Count; i++)
        {
            var p = partitions[i];
            sql.Append(CultureInfo.InvariantCulture, $"{(i == 0 ? "" : ", ")}(@m{i}, @p{i}, @a{i}, @l{i}, @c{i}, @b{i}, @d{i})");
            insert.Parameters.AddWithValue($"@m{i}", p.Month.ToString());
            insert.Parameters.AddWithValue($"@p{i}", p.Partition);
            insert.Parameters.AddWithValue($"@a{i}", p.AfterUserId);
            insert.Parameters.AddWithValue($"@l{i}", p.LastUserId);
            insert.Parameters.AddWithValue($"@c{i}", p.CommittedUserId);
            insert.Parameters.AddWithValue($"@b{i}", p.BillsWritten);
            insert.Parameters.AddWithValue($"@d{i}", p.Completed);
        }
        insert.CommandText = sql.ToString();
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task CompletePartitionAsync(BillingMonth month, int partition, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        using var update = MySqlConnectionFactory.Command(connection, null,
            "UPDATE settlement_checkpoints SET completed = 1 WHERE billing_month = @month AND partition_no = @partition");
        update.Parameters.AddWithValue("@month", month.ToString());
        update.Parameters.AddWithValue("@partition", partition);
        await update.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task ResetMonthAsync(BillingMonth month, CancellationToken cancellationToken)
    {
        var range = BillIdRange.ForMonth(month);
        return connections.InTransactionAsync(IsolationLevel.ReadCommitted, async (connection, transaction, ct) =>
        {
            // A whole month can be millions of rows: no command timeout.
            using var delete = MySqlConnectionFactory.Command(connection, transaction, """
                DELETE FROM settlement_checkpoints WHERE billing_month = @month;
                DELETE FROM bill_lines WHERE bill_id BETWEEN @first AND @last;
                DELETE FROM bills WHERE id BETWEEN @first AND @last;
                """, timeoutSeconds: 0);
            delete.Parameters.AddWithValue("@month", month.ToString());
            delete.Parameters.AddWithValue("@first", range.First);
            delete.Parameters.AddWithValue("@last", range.Last);
            return await delete.ExecuteNonQueryAsync(ct);
        }, cancellationToken);
    }
}
