using System.Data.Common;
using System.Globalization;
using BillForU.Domain.Customers;
using BillForU.Storage.Relational;

namespace BillForU.Storage.Notifications.Relational;

/// <summary>Column lists and row mappings of the notification tables, shared by both dialects (same names, same order).</summary>
internal static class NotificationRows
{
    public const string StateColumns =
        "bill_id, channel, user_id, billing_month, status, attempts, last_error, next_attempt_at, sent_at, provider_message_id, updated_at";

    public const string AttemptColumns = "bill_id, channel, attempt, status, error, provider_message_id, at";

    public const string PreferenceColumns = "user_id, channel, enabled, priority, quiet_start, quiet_end, send_day, send_time";

    public const string PolicyColumns = "channel, quiet_enabled, quiet_start, quiet_end";

    /// <summary>Bound parameters per <c>IN (…)</c> list: SQLite's default limit is far above, and a bounded list keeps plans cached.</summary>
    public const int KeysPerQuery = 500;

    /// <summary>A bill has at most one state row per channel, so a page may need this many rows past its limit to end on a whole bill.</summary>
    public static readonly int MaxRowsPerBill = Enum.GetValues<Channel>().Length;

    public static DeliveryState State(DbDataReader r) => new(
        r.GetInt64(0),
        NotificationNames.ChannelOf(r.GetString(1)),
        r.GetInt64(2),
        r.GetString(3),
        NotificationNames.StatusOf(r.GetString(4)),
        r.GetInt32(5),
        r.IsDBNull(6) ? null : r.GetString(6),
        r.IsDBNull(7) ? null : SqlValues.Utc(r.GetDateTime(7)),
        r.IsDBNull(8) ? null : SqlValues.Utc(r.GetDateTime(8)),
        r.IsDBNull(9) ? null : r.GetString(9),
        SqlValues.Utc(r.GetDateTime(10)));

    public static DeliveryAttempt Attempt(DbDataReader r) => new(
        r.GetInt64(0),
        NotificationNames.ChannelOf(r.GetString(1)),
        r.GetInt32(2),
        NotificationNames.StatusOf(r.GetString(3)),
        r.IsDBNull(4) ? null : r.GetString(4),
        r.IsDBNull(5) ? null : r.GetString(5),
        SqlValues.Utc(r.GetDateTime(6)));

    public static NotificationPreference Preference(DbDataReader r) => new(
        r.GetInt64(0),
        NotificationNames.ChannelOf(r.GetString(1)),
        r.GetBoolean(2),
        Convert.ToInt32(r.GetValue(3), CultureInfo.InvariantCulture),
        r.IsDBNull(4) || r.IsDBNull(5) ? null : new TimeWindow(r.GetFieldValue<TimeOnly>(4), r.GetFieldValue<TimeOnly>(5)),
        r.IsDBNull(6) ? null : Convert.ToInt32(r.GetValue(6), CultureInfo.InvariantCulture),
        r.IsDBNull(7) ? null : r.GetFieldValue<TimeOnly>(7));

    public static MessagePolicy Policy(DbDataReader r) => new(
        NotificationNames.ChannelOf(r.GetString(0)),
        r.GetBoolean(1),
        new TimeWindow(r.GetFieldValue<TimeOnly>(2), r.GetFieldValue<TimeOnly>(3)));

    /// <summary>
    /// Reads users (id, email_cipher, phone_cipher) and then their preferences (<see cref="PreferenceColumns"/>,
    /// ordered by user) from two result sets into <paramref name="into"/>, keeping only the users of <paramref name="wanted"/>
    /// (ascending ids: a <see cref="DenseKeyRange"/> range may hold others).
    /// </summary>
    public static async Task ReadRecipientsAsync(DbDataReader reader, long[] wanted, Dictionary<long, Recipient> into, CancellationToken cancellationToken)
    {
        var preferences = new Dictionary<long, List<NotificationPreference>>();
        var users = new List<(long Id, string Email, string Phone)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetInt64(0);
            if (Array.BinarySearch(wanted, id) >= 0)
            {
                users.Add((id, reader.GetString(1), reader.GetString(2)));
            }
        }
        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (Array.BinarySearch(wanted, reader.GetInt64(0)) < 0)
            {
                continue;
            }
            var preference = Preference(reader);
            if (!preferences.TryGetValue(preference.UserId, out var list))
            {
                preferences[preference.UserId] = list = new List<NotificationPreference>(2);
            }
            list.Add(preference);
        }
        foreach (var (id, email, phone) in users)
        {
            into[id] = new Recipient(id, email, phone, preferences.TryGetValue(id, out var list) ? list : []);
        }
    }

    /// <summary>
    /// One page of a keyset listing by bill id, read with <see cref="MaxRowsPerBill"/> − 1 rows to spare: the
    /// caller's next page starts after the last bill id returned, so a page must never end inside a bill's
    /// rows. The last bill is dropped when it does not fit whole; a bill alone bigger than the limit is
    /// returned whole (at most one row per channel).
    /// </summary>
    public static IReadOnlyList<DeliveryState> WholeBills(List<DeliveryState> rows, int limit)
    {
        if (rows.Count <= limit)
        {
            return rows;
        }
        var lastBill = rows[limit - 1].BillId;
        if (rows[limit].BillId != lastBill)
        {
            return rows[..limit];
        }
        var start = rows.FindIndex(r => r.BillId == lastBill);
        return start > 0 ? rows[..start] : rows.FindAll(r => r.BillId == lastBill);
    }

    /// <summary>Distinct keys in ascending order, in slices of at most <see cref="KeysPerQuery"/>.</summary>
    public static IEnumerable<long[]> Slices(IEnumerable<long> keys) => keys.Distinct().Order().Chunk(KeysPerQuery);

    /// <summary>Rows of (hour bucket 'yyyy-MM-dd HH', status, count).</summary>
    public static Task<IReadOnlyList<HourlyCount>> ReadHourlyCountsAsync(DbDataReader reader, CancellationToken cancellationToken) =>
        RowMappers.ReadAllAsync(reader, static r => new HourlyCount(
            DateTime.SpecifyKind(DateTime.ParseExact(r.GetString(0), "yyyy-MM-dd HH", CultureInfo.InvariantCulture), DateTimeKind.Utc),
            NotificationNames.StatusOf(r.GetString(1)),
            Convert.ToInt64(r.GetValue(2), CultureInfo.InvariantCulture)), cancellationToken);
}
