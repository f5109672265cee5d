namespace BillForU.Storage.Relational;

/// <summary>
/// How a bill's event flag is stored. An unpublished bill holds the epoch, not NULL, in
/// <c>event_published_at</c>: marking then overwrites a fixed-size value in place. From NULL the row would
/// grow, and every page filled by the bulk load would split (measured on MariaDB: 93k rows/s from NULL
/// against 600k rows/s in place). Readers see null for the epoch.
/// </summary>
internal static class Outbox
{
    /// <summary>The stored "not yet published" value as a SQL literal, the same text in both dialects.</summary>
    public const string Unpublished = "'1970-01-01 00:00:00.000000'";

    private static readonly DateTime Epoch = DateTime.UnixEpoch;

    public static DateTime? PublishedAt(DateTime stored) => stored == Epoch ? null : DateTime.SpecifyKind(stored, DateTimeKind.Utc);
}
