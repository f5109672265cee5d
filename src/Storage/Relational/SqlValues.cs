using BillForU.Domain.Billing;

namespace BillForU.Storage.Relational;

internal static class SqlValues
{
    /// <summary>Installments store their first month as the number yyyyMM (202610), readable and comparable.</summary>
    public static BillingMonth MonthFromKey(int key) => new(key / 100, key % 100);

    public static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);

    public static DateTime? UtcOrNull(DateTime? value) => value is { } v ? Utc(v) : null;
}
