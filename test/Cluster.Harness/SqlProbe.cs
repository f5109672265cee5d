using BillForU.Domain.Billing;
using MySqlConnector;

namespace BillForU.Cluster.Harness;

/// <summary>What a drill checks in the cluster's SQL store: the month's bills and every bill's delivery state.</summary>
public sealed class SqlProbe(string connectionString)
{
    public sealed record BillSummary(long Bills, long DistinctUsers, long Total, long BillsWithLineMismatch);

    public async Task<BillSummary> BillsAsync(BillingMonth month)
    {
        var summary = await QueryAsync(
            "SELECT COUNT(*), COUNT(DISTINCT user_id), COALESCE(SUM(total_amount), 0) FROM bills WHERE billing_month = @month",
            month, r => (r.GetInt64(0), r.GetInt64(1), r.GetInt64(2)));
        var mismatched = await QueryAsync(
            "SELECT COUNT(*) FROM bills b LEFT JOIN (SELECT bill_id, SUM(amount) AS amount FROM bill_lines GROUP BY bill_id) l ON l.bill_id = b.id "
            + "WHERE b.billing_month = @month AND (l.amount IS NULL OR l.amount <> b.total_amount)",
            month, r => r.GetInt64(0));
        return new BillSummary(summary[0].Item1, summary[0].Item2, summary[0].Item3, mismatched[0]);
    }

    /// <summary>Each user's bill total for the month.</summary>
    public async Task<Dictionary<long, long>> TotalsByUserAsync(BillingMonth month) =>
        (await QueryAsync("SELECT user_id, total_amount FROM bills WHERE billing_month = @month", month, r => (r.GetInt64(0), r.GetInt64(1))))
        .ToDictionary(p => p.Item1, p => p.Item2);

    /// <summary>Delivery rows by status (a bill has one row per channel it tried).</summary>
    public async Task<Dictionary<string, long>> DeliveriesByStatusAsync(BillingMonth month) =>
        (await QueryAsync("SELECT status, COUNT(*) FROM notification_deliveries WHERE billing_month = @month GROUP BY status", month,
            r => (r.GetString(0), r.GetInt64(1))))
        .ToDictionary(p => p.Item1, p => p.Item2);

    /// <summary>Bills of the month none of whose delivery rows is SENT or DEAD_LETTERED.</summary>
    public async Task<IReadOnlyList<long>> BillsNotDoneAsync(BillingMonth month, int limit = 1_000_000) =>
        await QueryAsync(
            "SELECT b.id FROM bills b WHERE b.billing_month = @month AND NOT EXISTS (SELECT 1 FROM notification_deliveries d "
            + $"WHERE d.bill_id = b.id AND d.status IN ('SENT', 'DEAD_LETTERED')) ORDER BY b.id LIMIT {limit}",
            month, r => r.GetInt64(0));

    /// <summary>How many bills of the month are finished (a SENT or DEAD_LETTERED delivery row).</summary>
    public async Task<long> BillsDoneAsync(BillingMonth month) =>
        (await QueryAsync(
            "SELECT COUNT(DISTINCT bill_id) FROM notification_deliveries WHERE billing_month = @month AND status IN ('SENT', 'DEAD_LETTERED')",
            month, r => r.GetInt64(0)))[0];

    /// <summary>Bills with more than one SENT delivery row (two channels both sent: a second, different message).</summary>
    public async Task<long> BillsSentTwiceAsync(BillingMonth month) =>
        (await QueryAsync(
            "SELECT COUNT(*) FROM (SELECT bill_id FROM notification_deliveries WHERE billing_month = @month AND status = 'SENT' GROUP BY bill_id HAVING COUNT(*) > 1) t",
            month, r => r.GetInt64(0)))[0];

    /// <summary>The notification ids (<c>{billId}-{channel}</c>) of every SENT delivery row of the month.</summary>
    public async Task<HashSet<string>> SentNotificationIdsAsync(BillingMonth month) =>
        (await QueryAsync(
            "SELECT bill_id, channel FROM notification_deliveries WHERE billing_month = @month AND status = 'SENT'",
            month, r => $"{r.GetInt64(0)}-{r.GetString(1).ToLowerInvariant()}"))
        .ToHashSet();

    /// <summary>The delivery rows of some bills, for a failure message.</summary>
    public async Task<IReadOnlyList<string>> DescribeDeliveriesAsync(IEnumerable<long> billIds)
    {
        var ids = string.Join(',', billIds.Take(20));
        if (ids.Length == 0)
        {
            return [];
        }
        return await QueryAsync(
            $"SELECT bill_id, channel, status, attempts, COALESCE(last_error, '') FROM notification_deliveries WHERE bill_id IN ({ids}) ORDER BY bill_id, channel",
            null, r => $"{r.GetInt64(0)} {r.GetString(1)} {r.GetString(2)} attempts={r.GetInt32(3)} {r.GetString(4)}");
    }

    public async Task<string?> RunStatusAsync(BillingMonth month) =>
        (await QueryAsync("SELECT status FROM settlement_runs WHERE billing_month = @month ORDER BY started_at DESC LIMIT 1", month, r => r.GetString(0)))
        .FirstOrDefault();

    private async Task<List<T>> QueryAsync<T>(string sql, BillingMonth? month, Func<MySqlDataReader, T> read)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection) { CommandTimeout = 300 };
        if (month is { } m)
        {
            command.Parameters.AddWithValue("@month", m.ToString());
        }
        await using var reader = await command.ExecuteReaderAsync();
        var result = new List<T>();
        while (await reader.ReadAsync())
        {
            result.Add(read(reader));
        }
        return result;
    }
}
