using BillForU.Domain.Billing;

namespace BillForU.Channels.Tests.Support;

/// <summary>A bill notice with totals that read distinctly in a message (45,300 KRW: 39,000 + 5,500 + 0 + 2,000 - 5,318 + 4,118).</summary>
internal static class Notices
{
    public const string Email = "hong.gildong@example.com";
    public const string MaskedEmail = "ho****@example.com";
    public const string Phone = "010-2345-6789";
    public const string MaskedPhone = "010-****-6789";

    public static readonly BillTotals Totals = new(39_000, 5_500, 0, 2_000, -5_318, 4_118);

    public static BillNotice For(long billId, string channel = "email") => new(
        $"{billId}-{channel}", billId, UserId: 70_000 + billId % 1000, "2026-10", Totals.Total,
        new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 25), Totals);
}
