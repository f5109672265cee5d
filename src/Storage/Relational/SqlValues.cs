using BillForU.Domain.Billing;

namespace BillForU.Storage.Relational;

internal static class SqlValues
{
    /// <summary>Installments store their first month as the number yyyyMM (202610), readable and comparable.</summary>
    public static BillingMonth MonthFromKey(int key) => new(key / 100, key % 100);

    public static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);

    /// <summary>An instant to store: local times are converted, unspecified ones are taken as UTC already.</summary>
    public static DateTime ToUtc(DateTime value) => value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : Utc(value);

    public static object ToUtcOrNull(DateTime? value) => value is { } v ? ToUtc(v) : DBNull.Value;
}
