using System.Data.Common;
using BillForU.Domain.Billing;
using BillForU.Domain.Settlement;

namespace BillForU.Storage.Relational;

/// <summary>Column lists and row mappings shared by both dialects: the tables have the same names and column order.</summary>
internal static class RowMappers
{
    public const string BillHeaderColumns =
        "id, user_id, billing_month, base_fee, addon_fee, device_fee, micro_payment, discount, vat, issue_date, due_date, event_published_at";

    public const string BillLineColumns = "line_no, line_type, item_id, quantity, amount";

    public const string RunColumns =
        "run_id, billing_month, status, partitions_total, partitions_done, bills_written, events_published, started_at, finished_at, error";

    public const string CheckpointColumns =
        "billing_month, partition_no, after_user_id, last_user_id, committed_user_id, bills_written, completed";

    public static BillHeader BillHeader(DbDataReader r) => new(
        r.GetInt64(0),
        r.GetInt64(1),
        BillingMonth.Parse(r.GetString(2)),
        r.GetFieldValue<DateOnly>(9),
        r.GetFieldValue<DateOnly>(10),
        new BillTotals(r.GetInt64(3), r.GetInt64(4), r.GetInt64(5), r.GetInt64(6), r.GetInt64(7), r.GetInt64(8)),
        Outbox.PublishedAt(r.GetDateTime(11)));

    public static BillLine BillLine(DbDataReader r) => new(
        r.GetInt32(0),
        SqlNames.BillLineTypeOf(r.GetString(1)),
        r.GetInt64(2),
        r.GetInt32(3),
        r.GetInt64(4));

    public static SettlementRunRecord Run(DbDataReader r) => new(
        r.GetString(0),
        BillingMonth.Parse(r.GetString(1)),
        SqlNames.SettlementRunStatusOf(r.GetString(2)),
        r.GetInt32(3),
        r.GetInt32(4),
        r.GetInt64(5),
        r.GetInt64(6),
        SqlValues.Utc(r.GetDateTime(7)),
        r.IsDBNull(8) ? null : SqlValues.Utc(r.GetDateTime(8)),
        r.IsDBNull(9) ? null : r.GetString(9));

    public static PartitionCheckpoint Checkpoint(DbDataReader r) => new(
        BillingMonth.Parse(r.GetString(0)),
        r.GetInt32(1),
        r.GetInt64(2),
        r.GetInt64(3),
        r.GetInt64(4),
        r.GetInt64(5),
        r.GetBoolean(6));

    public static async Task<IReadOnlyList<T>> ReadAllAsync<T>(DbDataReader reader, Func<DbDataReader, T> map, CancellationToken cancellationToken)
    {
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(map(reader));
        }
        return rows;
    }

    public static async Task<MonthSummary> MonthSummaryAsync(BillingMonth month, DbDataReader reader, CancellationToken cancellationToken)
    {
        // First result: bill count, published count and the six column sums; second: the line count.
        await reader.ReadAsync(cancellationToken);
        var bills = reader.GetInt64(0);
        var published = SumOrZero(reader, 1);
        var totals = new BillTotals(
            SumOrZero(reader, 2), SumOrZero(reader, 3), SumOrZero(reader, 4), SumOrZero(reader, 5), SumOrZero(reader, 6), SumOrZero(reader, 7));
        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var lines = reader.GetInt64(0);
        return new MonthSummary(month, bills, lines, published, totals);
    }

    // SUM over no rows is NULL; MySQL returns DECIMAL for SUM(BIGINT), hence the conversion.
    private static long SumOrZero(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? 0 : Convert.ToInt64(reader.GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture);
}
