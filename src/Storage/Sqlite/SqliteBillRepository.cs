using BillForU.Domain.Billing;
using BillForU.Storage.Relational;
using Microsoft.Data.Sqlite;

namespace BillForU.Storage.Sqlite;

internal sealed class SqliteBillRepository(SqliteConnectionFactory connections) : IBillRepository
{
    private const string BillColumns =
        "id, user_id, billing_month, base_fee, addon_fee, device_fee, micro_payment, discount, vat, total_amount, issue_date, due_date, created_at";

    private const string LineColumns = "bill_id, line_no, line_type, item_id, quantity, amount";

    // A rewrite of a range already committed (a retried chunk) neither moves the checkpoint back nor counts its bills twice.
    private const string UpsertCheckpointSql = """
        INSERT INTO settlement_checkpoints (billing_month, partition_no, after_user_id, last_user_id, committed_user_id, bills_written, completed)
        VALUES (@month, @partition, @after, @last, @last, @bills, 0)
        ON CONFLICT (billing_month, partition_no) DO UPDATE SET
            bills_written = CASE WHEN committed_user_id <= @after THEN bills_written + @bills ELSE bills_written END,
            committed_user_id = MAX(committed_user_id, @last)
        """;

    public Task WriteChunkAsync(BillChunk chunk, CancellationToken cancellationToken)
    {
        var range = BillChunkGuard.Validate(chunk);
        return connections.WriteAsync(async (connection, transaction, ct) =>
        {
            using (var delete = SqliteConnectionFactory.Command(connection, transaction, """
                DELETE FROM bill_lines WHERE bill_id BETWEEN @first AND @last;
                DELETE FROM bills WHERE id BETWEEN @first AND @last;
                """))
            {
                delete.Parameters.AddWithValue("@first", range.First);
                delete.Parameters.AddWithValue("@last", range.Last);
                await delete.ExecuteNonQueryAsync(ct);
            }
            InsertBills(connection, transaction, chunk.Bills, ct);
            using (var checkpoint = SqliteConnectionFactory.Command(connection, transaction, UpsertCheckpointSql))
            {
                checkpoint.Parameters.AddWithValue("@month", SqliteText.Month(chunk.Month));
                checkpoint.Parameters.AddWithValue("@partition", chunk.Partition);
                checkpoint.Parameters.AddWithValue("@after", chunk.AfterUserId);
                checkpoint.Parameters.AddWithValue("@last", chunk.LastUserId);
                checkpoint.Parameters.AddWithValue("@bills", chunk.Bills.Count);
                await checkpoint.ExecuteNonQueryAsync(ct);
            }
            return true;
        }, cancellationToken);
    }

    public Task<int> MarkEventsPublishedAsync(BillingMonth month, long afterUserId, long lastUserId, DateTime publishedAt, CancellationToken cancellationToken)
    {
        var range = BillIdRange.ForUsers(month, afterUserId, lastUserId);
        if (range.IsEmpty)
        {
            return Task.FromResult(0);
        }
        return connections.WriteAsync(async (connection, transaction, ct) =>
        {
            using var update = SqliteConnectionFactory.Command(connection, transaction,
                $"UPDATE bills SET event_published_at = @at WHERE id BETWEEN @first AND @last AND event_published_at = {Outbox.Unpublished}");
            update.Parameters.AddWithValue("@at", SqliteText.Instant(publishedAt));
            update.Parameters.AddWithValue("@first", range.First);
            update.Parameters.AddWithValue("@last", range.Last);
            return await update.ExecuteNonQueryAsync(ct);
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<BillHeader>> ReadUnpublishedAsync(BillingMonth month, long afterUserId, long lastUserId, int max, CancellationToken cancellationToken)
    {
        var range = BillIdRange.ForUsers(month, afterUserId, lastUserId);
        if (range.IsEmpty || max <= 0)
        {
            return [];
        }
        return await ReadHeadersAsync(
            $"SELECT {RowMappers.BillHeaderColumns} FROM bills WHERE id BETWEEN @first AND @last AND event_published_at = {Outbox.Unpublished} ORDER BY id LIMIT @max",
            range, max, cancellationToken);
    }

    public async Task<IReadOnlyList<BillHeader>> ListBillsAsync(BillingMonth month, long afterUserId, int limit, CancellationToken cancellationToken)
    {
        var range = BillIdRange.ForUsers(month, afterUserId, long.MaxValue);
        if (range.IsEmpty || limit <= 0)
        {
            return [];
        }
        return await ReadHeadersAsync(
            $"SELECT {RowMappers.BillHeaderColumns} FROM bills WHERE id BETWEEN @first AND @last ORDER BY id LIMIT @max",
            range, limit, cancellationToken);
    }

    public async Task<MonthSummary> GetMonthSummaryAsync(BillingMonth month, CancellationToken cancellationToken)
    {
        var range = BillIdRange.ForMonth(month);
        await using var connection = await connections.OpenAsync(cancellationToken);
        using var command = SqliteConnectionFactory.Command(connection, null, $"""
            SELECT COUNT(*), SUM(event_published_at <> {Outbox.Unpublished}), SUM(base_fee), SUM(addon_fee), SUM(device_fee), SUM(micro_payment), SUM(discount), SUM(vat)
              FROM bills WHERE id BETWEEN @first AND @last;
            SELECT COUNT(*) FROM bill_lines WHERE bill_id BETWEEN @first AND @last;
            """);
        command.Parameters.AddWithValue("@first", range.First);
        command.Parameters.AddWithValue("@last", range.Last);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await RowMappers.MonthSummaryAsync(month, reader, cancellationToken);
    }

    public async Task<StoredBill?> GetBillAsync(long billId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        using var command = SqliteConnectionFactory.Command(connection, null, $"""
            SELECT {RowMappers.BillHeaderColumns} FROM bills WHERE id = @id;
            SELECT {RowMappers.BillLineColumns} FROM bill_lines WHERE bill_id = @id ORDER BY line_no;
            """);
        command.Parameters.AddWithValue("@id", billId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }
        var header = RowMappers.BillHeader(reader);
        await reader.NextResultAsync(cancellationToken);
        return new StoredBill(header, await RowMappers.ReadAllAsync(reader, RowMappers.BillLine, cancellationToken));
    }

    private async Task<IReadOnlyList<BillHeader>> ReadHeadersAsync(string sql, BillIdRange range, int max, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        using var command = SqliteConnectionFactory.Command(connection, null, sql);
        command.Parameters.AddWithValue("@first", range.First);
        command.Parameters.AddWithValue("@last", range.Last);
        command.Parameters.AddWithValue("@max", max);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await RowMappers.ReadAllAsync(reader, RowMappers.BillHeader, cancellationToken);
    }

    private static void InsertBills(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<PricedBill> bills, CancellationToken cancellationToken)
    {
        if (bills.Count == 0)
        {
            return;
        }
        var createdAt = SqliteText.Instant(DateTime.UtcNow);
        using var billInsert = SqlitePreparedStatement.Insert(connection, transaction, "bills", BillColumns);
        using var lineInsert = SqlitePreparedStatement.Insert(connection, transaction, "bill_lines", LineColumns);
        foreach (var bill in bills)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var totals = bill.Totals;
            billInsert[0].Value = bill.BillId;
            billInsert[1].Value = bill.UserId;
            billInsert[2].Value = SqliteText.Month(bill.Month);
            billInsert[3].Value = totals.BaseFee;
            billInsert[4].Value = totals.AddonFee;
            billInsert[5].Value = totals.DeviceFee;
            billInsert[6].Value = totals.MicroPayment;
            billInsert[7].Value = totals.Discount;
            billInsert[8].Value = totals.Vat;
            billInsert[9].Value = totals.Total;
            billInsert[10].Value = SqliteText.Date(bill.IssueDate);
            billInsert[11].Value = SqliteText.Date(bill.DueDate);
            billInsert[12].Value = createdAt;
            billInsert.Execute();
            foreach (var line in bill.Lines)
            {
                lineInsert[0].Value = bill.BillId;
                lineInsert[1].Value = line.LineNo;
                lineInsert[2].Value = SqlNames.Of(line.Type);
                lineInsert[3].Value = line.ItemId;
                lineInsert[4].Value = line.Quantity;
                lineInsert[5].Value = line.Amount;
                lineInsert.Execute();
            }
        }
    }
}
