using BillForU.Domain.Billing;
using BillForU.Domain.Charges;
using BillForU.Domain.Generation;
using BillForU.Domain.Security;

namespace BillForU.Storage.Tests;

internal static class TestData
{
    public static readonly BillingMonth Month = new(2026, 10);

    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Seoul");

    public static SettlementWindow Window(BillingMonth month) => SettlementWindow.For(month, Zone);

    public static DemoDataGenerator Generator(int users, BillingMonth? month = null, long seed = 42)
    {
        var keys = new PiiKeyRing(
            "v1",
            new Dictionary<string, byte[]> { ["v1"] = Enumerable.Repeat((byte)1, PiiKeyRing.KeyBytes).ToArray() },
            Enumerable.Repeat((byte)2, PiiKeyRing.KeyBytes).ToArray());
        return new DemoDataGenerator(new DatasetSpec(seed, users, month ?? Month), new ContactCipher(keys), new LookupHasher(keys), Zone);
    }

    /// <summary>The priced bills of generated users first..first+count-1 (users with nothing to bill have none).</summary>
    public static IReadOnlyList<PricedBill> Bills(BillingMonth month, long firstUserId, int count)
    {
        var pricing = new BillPricing(new PriceCatalog(DemoCatalog.Plans, DemoCatalog.Addons), BillingTerms.Default);
        return Generator((int)(firstUserId + count), month).GenerateBlock(firstUserId, count)
            .Select(user => pricing.Price(month, user.Charges))
            .OfType<PricedBill>()
            .ToArray();
    }

    /// <summary>What ReadChargesAsync must return for a generated user: the charges that can touch the window's month.</summary>
    public static UserCharges ExpectedCharges(UserCharges generated, SettlementWindow window)
    {
        var month = window.Month;
        return new UserCharges(
            generated.UserId,
            generated.Plans.Where(p => p.Start <= month.LastDay && (p.End is null || p.End >= month.FirstDay)).ToArray(),
            generated.Addons.Where(a => a.Start <= month.LastDay && (a.End is null || a.End >= month.FirstDay)).ToArray(),
            generated.Installments.Where(i => i.IsDueIn(month)).ToArray(),
            generated.MicroPayments.Where(p => p.PaidAt >= window.FromUtc && p.PaidAt < window.ToUtc).ToArray());
    }

    public static void AssertSameCharges(UserCharges expected, UserCharges actual)
    {
        Assert.Equal(expected.UserId, actual.UserId);
        Assert.Equal(expected.Plans, actual.Plans);
        Assert.Equal(expected.Addons, actual.Addons);
        Assert.Equal(expected.Installments, actual.Installments);
        Assert.Equal(expected.MicroPayments, actual.MicroPayments);
        Assert.All(actual.MicroPayments, p => Assert.Equal(DateTimeKind.Utc, p.PaidAt.Kind));
    }
}
