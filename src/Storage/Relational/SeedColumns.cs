namespace BillForU.Storage.Relational;

/// <summary>The column order both seeders write the dataset's tables in.</summary>
internal static class SeedColumns
{
    public const string Users = "id, name, birth_date, status, email_cipher, phone_cipher, email_hash, phone_hash, created_at";
    public const string UserPlans = "user_id, id, plan_id, start_date, end_date, status, contract";
    public const string UserAddons = "user_id, id, addon_id, start_date, end_date, status";
    public const string MicroPayments = "user_id, id, amount, merchant, payment_type, paid_at";
    public const string DeviceInstallments = "user_id, id, device, monthly_amount, first_month, months_total";
    public const string NotificationPrefs = "user_id, channel, enabled, priority, quiet_start, quiet_end, send_day, send_time";
    public const string Plans = "id, name, category, network, monthly_fee, data_limit_mb, voice_limit_minutes, active";
    public const string Addons = "id, name, category, monthly_fee, active";
    public const string MessagePolicy = "channel, quiet_enabled, quiet_start, quiet_end";
    public const string DatasetInfo = "id, seed, users, billing_month, seeded_at";

    /// <summary>Every table a dataset, its bills and its runs live in, children before parents.</summary>
    public static readonly string[] DataTables =
    [
        "notification_attempts", "notification_deliveries",
        "bill_lines", "bills", "settlement_checkpoints", "settlement_runs",
        "notification_prefs", "micro_payments", "device_installments", "user_addons", "user_plans", "users",
        "message_policy", "addons", "plans", "dataset_info",
    ];
}
