using BillForU.Domain.Billing;
using BillForU.Domain.Settlement;
using BillForU.Storage.Relational;
using Microsoft.Data.Sqlite;

namespace BillForU.Storage.Sqlite;

internal sealed class SqliteSettlementRunRepository(SqliteConnectionFactory connections) : ISettlementRunRepository
{
    public async Task<SettlementRunRecord?> GetLatestRunAsync(BillingMonth month, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        using var command = SqliteConnectionFactory.Command(connection, null,
            $"SELECT {RowMappers.RunColumns} FROM settlement_runs WHERE billing_month = @month ORDER BY started_at DESC, run_id DESC LIMIT 1");
        command.Parameters.AddWithValue("@month", SqliteText.Month(month));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? RowMappers.Run(reader) : null;
    }

    public Task SaveRunAsync(SettlementRunRecord run, CancellationToken cancellationToken) =>
        connections.WriteAsync(async (connection, transaction, ct) =>
        {
            using var upsert = SqliteConnectionFactory.Command(connection, transaction, $"""
                INSERT INTO settlement_runs ({RowMappers.RunColumns})
                VALUES (@id, @month, @status, @total, @done, @bills, @events, @started, @finished, @error)
                ON CONFLICT (run_id) DO UPDATE SET
                    billing_month = excluded.billing_month, status = excluded.status,
                    partitions_total = excluded.partitions_total, partitions_done = excluded.partitions_done,
                    bills_written = excluded.bills_written, events_published = excluded.events_published,
                    started_at = excluded.started_at, finished_at = excluded.finished_at, error = excluded.error
                """);
            upsert.Parameters.AddWithValue("@id", run.RunId);
            upsert.Parameters.AddWithValue("@month", SqliteText.Month(run.Month));
            upsert.Parameters.AddWithValue("@status", SqlNames.Of(run.Status));
            upsert.Parameters.AddWithValue("@total", run.PartitionsTotal);
            upsert.Parameters.AddWithValue("@done", run.PartitionsDone);
            upsert.Parameters.AddWithValue("@bills", run.BillsWritten);
            upsert.Parameters.AddWithValue("@events", run.EventsPublished);
            upsert.Parameters.AddWithValue("@started", SqliteText.Instant(run.StartedAt));
            upsert.Parameters.AddWithValue("@finished", SqliteText.Instant(run.FinishedAt));
            upsert.Parameters.AddWithValue("@error", (object?)run.Error ?? DBNull.Value);
            return await upsert.ExecuteNonQueryAsync(ct);
        }, cancellationToken);

    public async Task<IReadOnlyList<SettlementRunRecord>> ListRunsAsync(int offset, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        using var command = SqliteConnectionFactory.Command(connection, null,
            $"SELECT {RowMappers.RunColumns} FROM settlement_runs ORDER BY started_at DESC, run_id DESC LIMIT @limit OFFSET @offset");
        command.Parameters.AddWithValue("@limit", Math.Max(limit, 0));
        command.Parameters.AddWithValue("@offset", Math.Max(offset, 0));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await RowMappers.ReadAllAsync(reader, RowMappers.Run, cancellationToken);
    }

    public async Task<IReadOnlyList<PartitionCheckpoint>> GetCheckpointsAsync(BillingMonth month, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        using var command = SqliteConnectionFactory.Command(connection, null,
            $"SELECT {RowMappers.CheckpointColumns} FROM settlement_checkpoints WHERE billing_month = @month ORDER BY partition_no");
        command.Parameters.AddWithValue("@month", SqliteText.Month(month));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await RowMappers.ReadAllAsync(reader, RowMappers.Checkpoint, cancellationToken);
    }

    public Task InitCheckpointsAsync(IReadOnlyList<PartitionCheckpoint> partitions, CancellationToken cancellationToken)
    {
        if (partitions.Count == 0)
        {
            return Task.CompletedTask;
        }
        return connections.WriteAsync((connection, transaction, ct) =>
        {
            using var insert = SqliteConnectionFactory.Command(connection, transaction, $"""
                INSERT OR IGNORE INTO settlement_checkpoints ({RowMappers.CheckpointColumns})
                VALUES (@month, @partition, @after, @last, @committed, @bills, @completed)
                """);
            var month = insert.Parameters.Add("@month", SqliteType.Text);
            var partition = insert.Parameters.Add("@partition", SqliteType.Integer);
            var after = insert.Parameters.Add("@after", SqliteType.Integer);
            var last = insert.Parameters.Add("@last", SqliteType.Integer);
            var committed = insert.Parameters.Add("@committed", SqliteType.Integer);
            var bills = insert.Parameters.Add("@bills", SqliteType.Integer);
            var completed = insert.Parameters.Add("@completed", SqliteType.Integer);
            insert.Prepare();
            var inserted = 0;
            foreach (var checkpoint in partitions)
            {
                ct.ThrowIfCancellationRequested();
                month.Value = SqliteText.Month(checkpoint.Month);
                partition.Value = checkpoint.Partition;
                after.Value = checkpoint.AfterUserId;
                last.Value = checkpoint.LastUserId;
                committed.Value = checkpoint.CommittedUserId;
                bills.Value = checkpoint.BillsWritten;
                completed.Value = checkpoint.Completed;
                inserted += insert.ExecuteNonQuery();
            }
            return Task.FromResult(inserted);
        }, cancellationToken);
    }

    public Task CompletePartitionAsync(BillingMonth month, int partition, CancellationToken cancellationToken) =>
        connections.WriteAsync(async (connection, transaction, ct) =>
        {
            using var update = SqliteConnectionFactory.Command(connection, transaction,
                "UPDATE settlement_checkpoints SET completed = 1 WHERE billing_month = @month AND partition_no = @partition");
            update.Parameters.AddWithValue("@month", SqliteText.Month(month));
            update.Parameters.AddWithValue("@partition", partition);
            return await update.ExecuteNonQueryAsync(ct);
        }, cancellationToken);

    public Task ResetMonthAsync(BillingMonth month, CancellationToken cancellationToken)
    {
        var range = BillIdRange.ForMonth(month);
        return connections.WriteAsync(async (connection, transaction, ct) =>
        {
            using var delete = SqliteConnectionFactory.Command(connection, transaction, """
                DELETE FROM settlement_checkpoints WHERE billing_month = @month;
                DELETE FROM bill_lines WHERE bill_id BETWEEN @first AND @last;
                DELETE FROM bills WHERE id BETWEEN @first AND @last;
                """);
            delete.Parameters.AddWithValue("@month", SqliteText.Month(month));
            delete.Parameters.AddWithValue("@first", range.First);
            delete.Parameters.AddWithValue("@last", range.Last);
            return await delete.ExecuteNonQueryAsync(ct);
        }, cancellationToken);
    }
}
