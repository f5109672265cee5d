using System.Text;

namespace BillForU.Storage.Notifications.Relational;

/// <summary>The read statements both dialects share; parameters are named the same in both.</summary>
internal static class NotificationSql
{
    /// <summary>
    /// @status, @after, @limit: the page's keys from an ordered range of the covering (status, bill_id, channel)
    /// index, then its rows by primary key. Asked for whole rows at once, MariaDB 10.11 may pick ref access on
    /// status alone and filter bill_id entry by entry from the start of the status: measured at 1M rows, a
    /// page half-way through took 128 ms that way against 4 ms in this form.
    /// </summary>
    public static readonly string ListByStatus = StatesOfKeys(
        "SELECT bill_id, channel FROM notification_deliveries WHERE status = @status AND bill_id > @after ORDER BY bill_id, channel LIMIT @limit");

    /// <summary>@bill: the attempts of one bill in the order they were appended.</summary>
    public const string AttemptsOfBill =
        $"SELECT {NotificationRows.AttemptColumns} FROM notification_attempts WHERE bill_id = @bill ORDER BY id";

    /// <summary>
    /// @after, @limit. A range of the status index per unfinished status, each cut at the limit, merged and
    /// cut again: a page costs the same however many unfinished rows lie ahead, where <c>status IN (…)</c>
    /// ordered by bill id would sort all of them on every page. Only keys cross the union; full rows are
    /// read by primary key for the page alone.
    /// </summary>
    public static readonly string ListUnfinished = BuildListUnfinished();

    /// <summary>
    /// @at, @bill, @to, @before, @limit: the rest of the due instant @at after bill @bill, then what falls due after @at
    /// up to @to, each an ordered range of the (next_attempt_at, bill_id, channel) index. Two ranges, not one
    /// <c>(next_attempt_at, bill_id) &gt; (@at, @bill)</c>: a night's notices all wait for the same 08:00, and one range from
    /// @at would re-read every earlier bill of that instant on every page.
    /// </summary>
    public static readonly string ListDue = BuildListDue();

    /// <summary>The states of the bills with ids from @lo to @hi.</summary>
    public const string StatesBetween =
        $"SELECT {NotificationRows.StateColumns} FROM notification_deliveries WHERE bill_id BETWEEN @lo AND @hi ORDER BY bill_id, channel";

    /// <summary>The states of <paramref name="count"/> bills, named as <paramref name="keys"/> names them.</summary>
    public static string StatesOfBills(KeyListSql keys, int count) =>
        $"SELECT {NotificationRows.StateColumns} FROM notification_deliveries WHERE bill_id IN ({keys.In(count)}) ORDER BY bill_id, channel";

    /// <summary>Two result sets for the users with ids from @lo to @hi: their contacts, then their preferences by user and priority.</summary>
    public const string RecipientsBetween = $"""
        SELECT id, email_cipher, phone_cipher FROM users WHERE id BETWEEN @lo AND @hi;
        SELECT {NotificationRows.PreferenceColumns} FROM notification_prefs WHERE user_id BETWEEN @lo AND @hi ORDER BY user_id, priority, channel;
        """;

    /// <summary>Two result sets for <paramref name="count"/> users: their contacts, then their preferences by user and priority.</summary>
    public static string RecipientsOf(KeyListSql keys, int count)
    {
        var set = keys.In(count);
        return $"""
            SELECT id, email_cipher, phone_cipher FROM users WHERE id IN ({set});
            SELECT {NotificationRows.PreferenceColumns} FROM notification_prefs WHERE user_id IN ({set}) ORDER BY user_id, priority, channel;
            """;
    }

    private static string BuildListUnfinished()
    {
        var keys = new StringBuilder();
        var part = 0;
        foreach (var status in NotificationNames.Unfinished)
        {
            if (part > 0)
            {
                keys.Append(" UNION ALL ");
            }
            // Derived tables, not parenthesised selects: SQLite allows ORDER BY/LIMIT in a compound's parts only this way.
            keys.Append(System.Globalization.CultureInfo.InvariantCulture,
                $"SELECT bill_id, channel FROM (SELECT bill_id, channel FROM notification_deliveries WHERE status = '{NotificationNames.Of(status)}' AND bill_id > @after ORDER BY bill_id, channel LIMIT @limit) AS p{part++}");
        }
        return StatesOfKeys($"{keys} ORDER BY bill_id, channel LIMIT @limit");
    }

    private static string BuildListDue()
    {
        var columns = NotificationRows.StateColumns;
        const string waiting = "status IN ('DEFERRED', 'SCHEDULED', 'RETRY_WAIT') AND updated_at <= @before";
        return $"""
            SELECT {columns} FROM (
                SELECT {columns} FROM (SELECT {columns} FROM notification_deliveries
                                        WHERE next_attempt_at = @at AND bill_id > @bill AND {waiting}
                                        ORDER BY next_attempt_at, bill_id, channel LIMIT @limit) AS same_instant
                UNION ALL
                SELECT {columns} FROM (SELECT {columns} FROM notification_deliveries
                                        WHERE next_attempt_at > @at AND next_attempt_at <= @to AND {waiting}
                                        ORDER BY next_attempt_at, bill_id, channel LIMIT @limit) AS later) AS due
             ORDER BY next_attempt_at, bill_id, channel
             LIMIT @limit
            """;
    }

    /// <summary>The states whose keys <paramref name="keysSql"/> selects (bill_id, channel), in key order.</summary>
    private static string StatesOfKeys(string keysSql)
    {
        var columns = string.Join(", ", NotificationRows.StateColumns.Split(", ").Select(c => "d." + c));
        return $"""
            SELECT {columns}
              FROM ({keysSql}) AS k
              JOIN notification_deliveries AS d ON d.bill_id = k.bill_id AND d.channel = k.channel
             ORDER BY d.bill_id, d.channel
            """;
    }
}
