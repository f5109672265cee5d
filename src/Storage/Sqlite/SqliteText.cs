using System.Globalization;
using BillForU.Domain.Billing;

namespace BillForU.Storage.Sqlite;

/// <summary>
/// How SQLite stores dates and times: fixed-width ISO text, so that string comparison is time order
/// (the provider's own DateTime format drops trailing zeros and would not compare correctly).
/// </summary>
internal static class SqliteText
{
    public static string Date(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static object Date(DateOnly? value) => value is { } v ? Date(v) : DBNull.Value;

    /// <summary>A UTC instant to microseconds; unspecified kinds are taken as UTC, local ones converted.</summary>
    public static string Instant(DateTime value) =>
        (value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value).ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture);

    public static object Instant(DateTime? value) => value is { } v ? Instant(v) : DBNull.Value;

    public static string Time(TimeOnly value) => value.ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    public static object Time(TimeOnly? value) => value is { } v ? Time(v) : DBNull.Value;

    public static string Month(BillingMonth month) => month.ToString();
}
