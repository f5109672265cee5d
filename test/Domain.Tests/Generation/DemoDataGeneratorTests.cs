using System.Security.Cryptography;
using BillForU.Domain.Billing;
using BillForU.Domain.Generation;
using BillForU.Domain.Security;

namespace BillForU.Domain.Tests.Generation;

public class DemoDataGeneratorTests
{
    private static readonly TimeZoneInfo Seoul = TimeZoneInfo.FindSystemTimeZoneById("Asia/Seoul");

    private static DemoDataGenerator Generator(long seed)
    {
        var ring = new PiiKeyRing("v1", new Dictionary<string, byte[]> { ["v1"] = RandomNumberGenerator.GetBytes(32) }, RandomNumberGenerator.GetBytes(32));
        return new DemoDataGenerator(new DatasetSpec(seed, 5_000, new BillingMonth(2026, 10)), new ContactCipher(ring), new LookupHasher(ring), Seoul);
    }

    private static string Fingerprint(GeneratedUser u) =>
        string.Join('|',
            u.User.Name, u.User.BirthDate, u.User.Status,
            string.Join(',', u.Charges.Plans), string.Join(',', u.Charges.Addons),
            string.Join(',', u.Charges.Installments), string.Join(',', u.Charges.MicroPayments),
            string.Join(',', u.Preferences));

    [Fact]
    public void Same_seed_gives_the_same_users_in_any_block_order()
    {
        var whole = Generator(42).GenerateBlock(1, 1_000).Select(Fingerprint).ToArray();
        var generator = Generator(42);
        var blocks = generator.GenerateBlock(501, 500).Concat(generator.GenerateBlock(1, 500)).ToArray();

        Assert.Equal(whole, blocks.OrderBy(b => b.User.Id).Select(Fingerprint));
        Assert.NotEqual(whole, Generator(43).GenerateBlock(1, 1_000).Select(Fingerprint));
    }

    [Fact]
    public void Dataset_has_the_shapes_settlement_must_handle()
    {
        var month = new BillingMonth(2026, 10);
        var users = Generator(7).GenerateBlock(1, 5_000);
        var window = SettlementWindow.For(month, Seoul);

        Assert.Contains(users, u => u.Charges.Plans.Count == 2);
        Assert.Contains(users, u => u.Charges.Plans.Any(p => p.Start > month.FirstDay));
        Assert.Contains(users, u => u.Charges.Plans.Any(p => p.End is { } e && e >= month.FirstDay && e < month.LastDay));
        Assert.Contains(users, u => u.Charges.Plans.Any(p => p.Contract));
        Assert.Contains(users, u => u.Charges.Installments.Any(i => !i.IsDueIn(month)));
        Assert.Contains(users, u => u.Charges.Installments.Any(i => i.IsDueIn(month)));
        Assert.Contains(users, u => u.Preferences.Any(p => p.QuietWindow is not null));
        Assert.Contains(users, u => u.Preferences.Any(p => p.SendDay is not null));
        Assert.All(users.SelectMany(u => u.Charges.MicroPayments), p => Assert.InRange(p.PaidAt, window.FromUtc, window.ToUtc.AddTicks(-1)));
        var records = users.Sum(u => u.Charges.Plans.Count + u.Charges.Addons.Count + u.Charges.Installments.Count + u.Charges.MicroPayments.Count);
        Assert.InRange(records / 5_000.0, 4.5, 6.0);
    }

    [Fact]
    public void Contacts_are_stored_only_encrypted_and_hashed()
    {
        var user = Generator(1).GenerateUser(12_345).User;

        Assert.DoesNotContain("user12345", user.EmailCipher);
        Assert.StartsWith("v1:", user.EmailCipher);
        Assert.StartsWith("v1:", user.PhoneCipher);
        Assert.Equal(32, user.EmailHash.Length);
    }
}
