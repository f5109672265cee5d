using BillForU.Domain.Billing;
using BillForU.Domain.Charges;
using BillForU.Domain.Customers;
using BillForU.Domain.Settlement;

namespace BillForU.Storage.Relational;

/// <summary>
/// Enums are stored as short upper-case words (ACTIVE, BASE_FEE, EMAIL, …) in both dialects, so a row
/// reads the same in a SQL console as in the code; MySQL keeps them as ENUM columns (one byte each).
/// </summary>
internal static class SqlNames
{
    public static string Of(UserStatus status) => status switch
    {
        UserStatus.Active => "ACTIVE",
        UserStatus.Suspended => "SUSPENDED",
        UserStatus.Terminated => "TERMINATED",
        _ => throw Unknown(status),
    };

    public static string Of(SubscriptionStatus status) => status switch
    {
        SubscriptionStatus.Active => "ACTIVE",
        SubscriptionStatus.Cancelled => "CANCELLED",
        _ => throw Unknown(status),
    };

    public static SubscriptionStatus SubscriptionStatusOf(string value) => value switch
    {
        "ACTIVE" => SubscriptionStatus.Active,
        "CANCELLED" => SubscriptionStatus.Cancelled,
        _ => throw Unknown<SubscriptionStatus>(value),
    };

    public static string Of(MicroPaymentType type) => type switch
    {
        MicroPaymentType.App => "APP",
        MicroPaymentType.Content => "CONTENT",
        MicroPaymentType.Game => "GAME",
        _ => throw Unknown(type),
    };

    public static MicroPaymentType MicroPaymentTypeOf(string value) => value switch
    {
        "APP" => MicroPaymentType.App,
        "CONTENT" => MicroPaymentType.Content,
        "GAME" => MicroPaymentType.Game,
        _ => throw Unknown<MicroPaymentType>(value),
    };

    public static string Of(Channel channel) => channel switch
    {
        Channel.Email => "EMAIL",
        Channel.Sms => "SMS",
        Channel.Push => "PUSH",
        _ => throw Unknown(channel),
    };

    public static string Of(BillLineType type) => type switch
    {
        BillLineType.BaseFee => "BASE_FEE",
        BillLineType.AddonFee => "ADDON_FEE",
        BillLineType.DeviceFee => "DEVICE_FEE",
        BillLineType.MicroPayment => "MICRO_PAYMENT",
        BillLineType.Discount => "DISCOUNT",
        BillLineType.Vat => "VAT",
        _ => throw Unknown(type),
    };

    public static BillLineType BillLineTypeOf(string value) => value switch
    {
        "BASE_FEE" => BillLineType.BaseFee,
        "ADDON_FEE" => BillLineType.AddonFee,
        "DEVICE_FEE" => BillLineType.DeviceFee,
        "MICRO_PAYMENT" => BillLineType.MicroPayment,
        "DISCOUNT" => BillLineType.Discount,
        "VAT" => BillLineType.Vat,
        _ => throw Unknown<BillLineType>(value),
    };

    public static string Of(SettlementRunStatus status) => status switch
    {
        SettlementRunStatus.Pending => "PENDING",
        SettlementRunStatus.Running => "RUNNING",
        SettlementRunStatus.Completed => "COMPLETED",
        SettlementRunStatus.Failed => "FAILED",
        SettlementRunStatus.Cancelled => "CANCELLED",
        _ => throw Unknown(status),
    };

    public static SettlementRunStatus SettlementRunStatusOf(string value) => value switch
    {
        "PENDING" => SettlementRunStatus.Pending,
        "RUNNING" => SettlementRunStatus.Running,
        "COMPLETED" => SettlementRunStatus.Completed,
        "FAILED" => SettlementRunStatus.Failed,
        "CANCELLED" => SettlementRunStatus.Cancelled,
        _ => throw Unknown<SettlementRunStatus>(value),
    };

    private static ArgumentOutOfRangeException Unknown<T>(T value) where T : struct, Enum =>
        new(typeof(T).Name, value, $"{typeof(T).Name} {value} has no stored name.");

    private static InvalidDataException Unknown<T>(string stored) where T : struct, Enum =>
        new($"'{stored}' is not a stored {typeof(T).Name}.");
}
