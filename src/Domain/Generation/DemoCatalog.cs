using BillForU.Domain.Charges;
using BillForU.Domain.Customers;

namespace BillForU.Domain.Generation;

/// <summary>The demo operator's products (13 plans, 7 add-ons) and system quiet policy.</summary>
public static class DemoCatalog
{
    public static IReadOnlyList<Plan> Plans { get; } =
    [
        new(1, "5G Premier Signature", "PREMIUM", "5G", 130_000, null, null, true),
        new(2, "5G Premier Super", "PREMIUM", "5G", 115_000, null, null, true),
        new(3, "5G Premier Plus", "PREMIUM", "5G", 105_000, null, null, true),
        new(4, "5G Standard", "STANDARD", "5G", 75_000, 150_000, null, true),
        new(5, "5G Simple+", "STANDARD", "5G", 61_000, 31_000, null, true),
        new(6, "5G Slim+", "BASIC", "5G", 47_000, 6_000, null, true),
        new(7, "5G Youth", "YOUTH", "5G", 55_000, 20_000, null, true),
        new(8, "5G Senior", "SENIOR", "5G", 45_000, 10_000, null, true),
        new(9, "LTE Unlimited", "PREMIUM", "LTE", 69_000, null, null, true),
        new(10, "LTE Data 33", "STANDARD", "LTE", 55_000, 15_000, null, true),
        new(11, "LTE Data 15", "BASIC", "LTE", 43_000, 5_000, 300, true),
        new(12, "LTE Slim", "BASIC", "LTE", 33_000, 2_000, 200, true),
        new(13, "LTE Classic", "BASIC", "LTE", 36_300, 3_000, 300, false),
    ];

    public static IReadOnlyList<Addon> Addons { get; } =
    [
        new(1, "Caller Ring", "CONVENIENCE", 990, true),
        new(2, "Spam Block Plus", "SECURITY", 1_650, true),
        new(3, "Data Safe 1GB", "DATA", 3_300, true),
        new(4, "Music Stream", "MEDIA", 7_700, true),
        new(5, "Video Pass", "MEDIA", 5_500, true),
        new(6, "Device Insurance", "INSURANCE", 5_000, true),
        new(7, "Roaming Day Pass", "ROAMING", 4_400, false),
    ];

    public static IReadOnlyList<MessagePolicy> MessagePolicies { get; } =
    [
        new(Channel.Email, true, new TimeWindow(new TimeOnly(22, 0), new TimeOnly(8, 0))),
        new(Channel.Sms, true, new TimeWindow(new TimeOnly(21, 0), new TimeOnly(8, 0))),
        new(Channel.Push, false, new TimeWindow(new TimeOnly(22, 0), new TimeOnly(8, 0))),
    ];
}
