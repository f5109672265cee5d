using System.Data;
using BillForU.Domain.Billing;
using BillForU.Storage.Relational;

namespace BillForU.Storage.MySql;

internal sealed class MySqlBillRepository(MySqlConnectionFactory connections) : IBillRepository
{
    private const string BillColumns =
        "id, user_id, billing_month, base_fee, addon_fee, device_fee, micro_payment, discount, vat, total_amount, issue_date, due_date, created_at";

    private const string LineColumns = "bill_id, line_no, line_type, item_id, quantity, amount";

    // The range delete and the checkpoint in one round trip. ON DUPLICATE KEY UPDATE assigns left to right,
    // so bills_written still sees the old committed_user_id: a rewrite of a range already committed (a retried
    // chunk) neither moves the checkpoint back nor counts its bills twice.
    private const string ReplaceRangeSql = """
        DELETE FROM bill_lines WHERE bill_id BETWEEN @first AND @last;
        DELETE FROM bills WHERE id BETWEEN @first AND @last;
        INSERT INTO settlement_checkpoints (billing_month, partition_no, after_user_id, last_user_id, committed_user_id, bills_written, completed)
        VALUES (@month, @partition, @after, @lastUser, @lastUser, @bills, 0)
        ON DUPLICATE KEY UPDATE
            bills_written = IF(committed_user_id <= @after, bills_written + @bills, bills_written),
            committed_user_id = GREATEST(committed_user_id, @lastUser);
        """;

    public async Task WriteChunkAsync(BillChunk chunk, CancellationToken cancellationToken)
    {
        var range = BillChunkGuard.Validate(chunk);
        var (bills, lines) = Serialize(chunk.Bills);
        // READ COMMITTED: no gap locks, so partitions deleting and inserting neighbouring id ranges at the
        // same time cannot deadlock on the gaps between their ranges.
        await connections.InTransactionAsync(IsolationLevel.ReadCommitted, async (connection, transaction, ct) =>
        {
            using (var replace = MySqlConnectionFactory.Command(connection, transaction, ReplaceRangeSql, timeoutSeconds: 120))
            {
                replace.Parameters.AddWithValue("@first", range.First);
                replace.Parameters.AddWithValue("@last", range.Last);
                replace.Parameters.AddWithValue("@month", chunk.Month.ToString());
                replace.Parameters.AddWithValue("@partition", chunk.Partition);
                replace.Parameters.AddWithValue("@after", chunk.AfterUserId);
                replace.Parameters.AddWithValue("@lastUser", chunk.LastUserId);
                replace.Parameters.AddWithValue("@bills", chunk.Bills.Count);
                await replace.ExecuteNonQueryAsync(ct);
            }
            await MySqlConnectionFactory.LoadAsync(connection, "bills", BillColumns, bills, ct);
            await MySqlConnectionFactory.LoadAsync(connection, "bill_lines", LineColumns, lines, ct);
            return true;
        }, cancellationToken);
    }

    public async Task<int> MarkEventsPublishedAsync(BillingMonth month, long afterUserId, long lastUserId, DateTime publishedAt, CancellationToken cancellationToken)
    {
        var range = BillIdRange.ForUsers(month, afterUserId, lastUserId);
        if (range.IsEmpty)
        {
            return 0;
        }
        await using var connection = await connections.OpenAsync(cancellationToken);
        using var update = MySqlConnectionFactory.Command(connection, null,
            $"UPDATE bills SET event_published_at = @at WHERE id BETWEEN @first AND @last AND event_published_at = {Outbox.Unpublished}", timeoutSeconds: 120);
        update.Parameters.AddWithValue("@at", SqlValues.ToUtc(publishedAt));
        update.Parameters.AddWithValue("@first", range.First);
        update.Parameters.AddWithValue("@last", range.Last);
        return await update.ExecuteNonQueryAsync(cancellationToken);
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
        using var command = MySqlConnectionFactory.Command(connection, null, $"""
            SELECT COUNT(*), SUM(event_published_at <> {Outbox.Unpublished}), SUM(base_fee), SUM(addon_fee), SUM(device_fee), SUM(micro_payment), SUM(discount), SUM(vat)
              FROM bills WHERE id BETWEEN @first AND @last;
            SELECT COUNT(*) FROM bill_lines WHERE bill_id BETWEEN @first AND @last;
            """, timeoutSeconds: 300);
        command.Parameters.AddWithValue("@first", range.First);
        command.Parameters.AddWithValue("@last", range.Last);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await RowMappers.MonthSummaryAsync(month, reader, cancellationToken);
    }

    public async Task<StoredBill?> GetBillAsync(long billId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        using var command = MySqlConnectionFactory.Command(connection, null, $"""
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
        using var command = MySqlConnectionFactory.Command(connection, null, sql);
        command.Parameters.AddWithValue("@first", range.First);
        command.Parameters.AddWithValue("@last", range.Last);
        command.Parameters.AddWithValue("@max", max);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await RowMappers.ReadAllAsync(reader, RowMappers.BillHeader, cancellationToken);
    }

    private static (TsvBuffer Bills, TsvBuffer Lines) Serialize(IReadOnlyList<PricedBill> priced)
    {
        var bills = new TsvBuffer(priced.Count * 96 + 64);
        var lines = new TsvBuffer(priced.Count * 200 + 64);
        var createdAt = DateTime.UtcNow;
        foreach (var bill in priced)
        {
            var totals = bill.Totals;
            bills.Long(bill.BillId).Long(bill.UserId).Text(bill.Month.ToString())
                .Long(totals.BaseFee).Long(totals.AddonFee).Long(totals.DeviceFee).Long(totals.MicroPayment).Long(totals.Discount).Long(totals.Vat)
                .Long(totals.Total).Date(bill.IssueDate).Date(bill.DueDate).Instant(createdAt)
                .EndRow();
            foreach (var line in bill.Lines)
            {
                lines.Long(bill.BillId).Long(line.LineNo).Text(SqlNames.Of(line.Type)).Long(line.ItemId).Long(line.Quantity).Long(line.Amount)
                    .EndRow();
            }
        }
        return (bills, lines);
    }
}
