using System.Diagnostics;
using System.Globalization;
using BillForU.Domain.Billing;
using MySqlConnector;

namespace BillForU.Pipeline.Bench;

/// <summary>
/// The floor settlement is measured against: MariaDB computing the same month by itself, on the same
/// tables, with no application in the loop — <c>INSERT … SELECT … GROUP BY</c> for the bills and
/// <c>INSERT … SELECT</c> for the lines (prorated fees, discounts, device fees, summed micro-payments, VAT).
/// </summary>
public static class MariaDbFloor
{
    public static async Task<(TimeSpan Bills, TimeSpan Lines, long BillRows, long LineRows)> MeasureAsync(string connectionString, BillingMonth month, SettlementWindow window)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync();
        await ExecuteAsync(connection, """
            SET SESSION tmp_table_size = 2147483648, max_heap_table_size = 2147483648;
            DROP TABLE IF EXISTS floor_bills, floor_lines;
            CREATE TABLE floor_bills LIKE bills;
            CREATE TABLE floor_lines LIKE bill_lines;
            """);

        var first = $"'{month.FirstDay:yyyy-MM-dd}'";
        var last = $"'{month.LastDay:yyyy-MM-dd}'";
        var days = month.Days.ToString(CultureInfo.InvariantCulture);
        var key = month.Key.ToString(CultureInfo.InvariantCulture);
        var from = $"'{window.FromUtc:yyyy-MM-dd HH:mm:ss}'";
        var to = $"'{window.ToUtc:yyyy-MM-dd HH:mm:ss}'";
        var activeDays = $"(DATEDIFF(LEAST(COALESCE(s.end_date, {last}), {last}), GREATEST(s.start_date, {first})) + 1)";
        var inMonth = $"s.start_date <= {last} AND (s.end_date IS NULL OR s.end_date >= {first}) AND NOT (s.status = 'CANCELLED' AND s.end_date IS NULL)";
        var planFee = $"ROUND(p.monthly_fee * {activeDays} / {days})";
        var billId = $"{key} * 10000000000 + c.user_id";

        var bills = Stopwatch.StartNew();
        var billRows = await ExecuteAsync(connection, $"""
            INSERT INTO floor_bills (id, user_id, billing_month, base_fee, addon_fee, device_fee, micro_payment, discount, vat,
                                     total_amount, issue_date, due_date, created_at, event_published_at)
            SELECT {billId}, c.user_id, '{month}', SUM(c.base), SUM(c.addon), SUM(c.device), SUM(c.micro), SUM(c.discount),
                   ROUND((SUM(c.base) + SUM(c.addon) + SUM(c.device) + SUM(c.discount)) * 0.1),
                   SUM(c.base) + SUM(c.addon) + SUM(c.device) + SUM(c.micro) + SUM(c.discount)
                     + ROUND((SUM(c.base) + SUM(c.addon) + SUM(c.device) + SUM(c.discount)) * 0.1),
                   '{month.Next.FirstDay:yyyy-MM-dd}', '{month.Next.FirstDay.AddDays(15):yyyy-MM-dd}', UTC_TIMESTAMP(6), '1970-01-01'
            FROM (
                SELECT s.user_id, {planFee} AS base, 0 AS addon, 0 AS device, 0 AS micro, -IF(s.contract, ROUND({planFee} * 0.25), 0) AS discount
                  FROM user_plans s JOIN plans p ON p.id = s.plan_id WHERE {inMonth}
                UNION ALL
                SELECT s.user_id, 0, ROUND(a.monthly_fee * {activeDays} / {days}), 0, 0, 0
                  FROM user_addons s JOIN addons a ON a.id = s.addon_id WHERE {inMonth}
                UNION ALL
                SELECT user_id, 0, 0, monthly_amount, 0, 0 FROM device_installments
                 WHERE first_month <= {key} AND PERIOD_DIFF({key}, first_month) < months_total
                UNION ALL
                SELECT user_id, 0, 0, 0, amount, 0 FROM micro_payments WHERE paid_at >= {from} AND paid_at < {to}
            ) c
            GROUP BY c.user_id
            """);
        bills.Stop();

        var lines = Stopwatch.StartNew();
        var lineRows = await ExecuteAsync(connection, $"""
            INSERT INTO floor_lines (bill_id, line_no, line_type, item_id, quantity, amount)
            SELECT {billId}, ROW_NUMBER() OVER (PARTITION BY c.user_id ORDER BY c.kind, c.item_id), c.line_type, c.item_id, c.quantity, c.amount
            FROM (
                SELECT s.user_id, 1 AS kind, s.plan_id AS item_id, 'BASE_FEE' AS line_type, {activeDays} AS quantity, {planFee} AS amount
                  FROM user_plans s JOIN plans p ON p.id = s.plan_id WHERE {inMonth}
                UNION ALL
                SELECT s.user_id, 2, s.plan_id, 'DISCOUNT', 1, -ROUND({planFee} * 0.25)
                  FROM user_plans s JOIN plans p ON p.id = s.plan_id WHERE {inMonth} AND s.contract
                UNION ALL
                SELECT s.user_id, 3, s.addon_id, 'ADDON_FEE', {activeDays}, ROUND(a.monthly_fee * {activeDays} / {days})
                  FROM user_addons s JOIN addons a ON a.id = s.addon_id WHERE {inMonth}
                UNION ALL
                SELECT user_id, 4, id, 'DEVICE_FEE', 1, monthly_amount FROM device_installments
                 WHERE first_month <= {key} AND PERIOD_DIFF({key}, first_month) < months_total
                UNION ALL
                SELECT user_id, 5, 0, 'MICRO_PAYMENT', COUNT(*), SUM(amount) FROM micro_payments
                 WHERE paid_at >= {from} AND paid_at < {to} GROUP BY user_id
                UNION ALL
                SELECT user_id, 6, 0, 'VAT', 1, vat FROM floor_bills
            ) c
            """);
        lines.Stop();
        await ExecuteAsync(connection, "DROP TABLE floor_bills, floor_lines");
        return (bills.Elapsed, lines.Elapsed, billRows, lineRows);
    }

    private static async Task<int> ExecuteAsync(MySqlConnection connection, string sql)
    {
        await using var command = new MySqlCommand(sql, connection) { CommandTimeout = 0 };
        return await command.ExecuteNonQueryAsync();
    }
}
