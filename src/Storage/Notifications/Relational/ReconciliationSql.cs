using System.Globalization;
using BillForU.Storage.Relational;

namespace BillForU.Storage.Notifications.Relational;

/// <summary>The reconciliation reads, the same SQL on SQLite and MySQL.</summary>
internal static class ReconciliationSql
{
    public const string SettledMonths = "SELECT DISTINCT billing_month FROM settlement_runs ORDER BY billing_month";

    /// <summary>@after, @last, @limit: an ordered primary-key range of bills, each probed once against the delivery rows' key.</summary>
    public static readonly string BillsWithoutNotice = $"""
        SELECT {Prefixed("b", RowMappers.BillHeaderColumns)}
          FROM bills AS b
         WHERE b.id > @after AND b.id <= @last
           AND NOT EXISTS (SELECT 1 FROM notification_deliveries AS d WHERE d.bill_id = b.id)
         ORDER BY b.id
         LIMIT @limit
        """;

    public const string HeadersBetween = $"SELECT {RowMappers.BillHeaderColumns} FROM bills WHERE id BETWEEN @lo AND @hi ORDER BY id";

    public static string HeadersOf(KeyListSql keys, int count) =>
        $"SELECT {RowMappers.BillHeaderColumns} FROM bills WHERE id IN ({keys.In(count)}) ORDER BY id";

    /// <summary>
    /// @first, @last: each bill of the range once, with the outcome its delivery rows add up to (a sent channel wins,
    /// then a dead letter, a cancellation, a retry, a wait) and the earliest time it waits for.
    /// </summary>
    public static readonly string Outcomes = $"""
        SELECT outcome, COUNT(*), MIN(due), MAX(due)
          FROM (SELECT CASE
                         WHEN d.bill_id IS NULL THEN '{BillNoticeStatus.Missing}'
                         WHEN d.sent > 0 THEN '{BillNoticeStatus.Sent}'
                         WHEN d.dead > 0 THEN '{BillNoticeStatus.DeadLettered}'
                         WHEN d.cancelled > 0 THEN '{BillNoticeStatus.Cancelled}'
                         WHEN d.retrying > 0 THEN '{BillNoticeStatus.Retrying}'
                         WHEN d.waiting > 0 THEN '{BillNoticeStatus.Waiting}'
                         ELSE '{BillNoticeStatus.InFlight}'
                       END AS outcome,
                       d.due AS due
                  FROM bills AS b
                  LEFT JOIN (SELECT bill_id,
                                    SUM(CASE WHEN status = 'SENT' THEN 1 ELSE 0 END) AS sent,
                                    SUM(CASE WHEN status = 'DEAD_LETTERED' THEN 1 ELSE 0 END) AS dead,
                                    SUM(CASE WHEN status = 'CANCELLED' THEN 1 ELSE 0 END) AS cancelled,
                                    SUM(CASE WHEN status = 'RETRY_WAIT' THEN 1 ELSE 0 END) AS retrying,
                                    SUM(CASE WHEN status IN ('DEFERRED', 'SCHEDULED') THEN 1 ELSE 0 END) AS waiting,
                                    MIN(CASE WHEN status IN ('DEFERRED', 'SCHEDULED', 'RETRY_WAIT') THEN next_attempt_at END) AS due
                               FROM notification_deliveries
                              WHERE bill_id BETWEEN @first AND @last
                              GROUP BY bill_id) AS d ON d.bill_id = b.id
                 WHERE b.id BETWEEN @first AND @last) AS x
         GROUP BY outcome
        """;

    /// <summary>@first, @last, @limit: the notices with more than one sent attempt on record, how many, and the first of them.</summary>
    public const string RepeatedSends = """
        SELECT COUNT(*) FROM (SELECT bill_id, channel FROM notification_attempts
                               WHERE bill_id BETWEEN @first AND @last AND status = 'SENT'
                               GROUP BY bill_id, channel HAVING COUNT(*) > 1) AS r;
        SELECT bill_id, channel FROM notification_attempts
         WHERE bill_id BETWEEN @first AND @last AND status = 'SENT'
         GROUP BY bill_id, channel HAVING COUNT(*) > 1
         ORDER BY bill_id, channel
         LIMIT @limit;
        """;

    private static string Prefixed(string alias, string columns) =>
        string.Join(", ", columns.Split(", ").Select(c => string.Create(CultureInfo.InvariantCulture, $"{alias}.{c}")));
}
