using BillForU.Domain.Billing;
using BillForU.Domain.Charges;
using BillForU.Domain.Customers;
using BillForU.Domain.Security;

namespace BillForU.Domain.Generation;

/// <summary>
/// Generates the demo month deterministically for a <see cref="DatasetSpec"/>: users 1..N with plans
/// (some starting, ending or changing mid-month, some on contract), add-ons, micro-payments inside the
/// month, device installments (some already paid off) and notification preferences.
/// Contacts are encrypted on the way out; cipher texts differ per run (fresh nonces), nothing else does.
/// </summary>
public sealed class DemoDataGenerator(DatasetSpec spec, ContactCipher cipher, LookupHasher hasher, TimeZoneInfo zone)
{
    private static readonly string[] Surnames = ["Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim"];
    private static readonly string[] GivenNames = ["Minjun", "Seoyeon", "Jiho", "Haeun", "Doyun", "Jiwoo", "Siwoo", "Sua", "Yejun", "Hayoon"];
    private static readonly string[] Merchants = ["AppMarket", "MelonMusic", "WebtoonHub", "GameZone", "TicketLink", "CloudBox"];
    private static readonly string[] Devices = ["Galaxy S26", "Galaxy Z Flip7", "iPhone 18", "iPhone 18 Pro", "Pixel 11"];

    public DatasetSpec Spec => spec;

    /// <summary>Users <paramref name="firstUserId"/> .. <paramref name="firstUserId"/>+<paramref name="count"/>-1.</summary>
    public IReadOnlyList<GeneratedUser> GenerateBlock(long firstUserId, int count)
    {
        var users = new GeneratedUser[count];
        for (var i = 0; i < count; i++)
        {
            users[i] = GenerateUser(firstUserId + i);
        }
        return users;
    }

    public GeneratedUser GenerateUser(long userId)
    {
        var rng = SplitMix64.ForUser(spec.Seed, userId);
        var month = spec.Month;
        var user = new UserRecord(
            userId,
            $"{Surnames[rng.Next(Surnames.Length)]} {GivenNames[rng.Next(GivenNames.Length)]}",
            new DateOnly(1950, 1, 1).AddDays(rng.Next(365 * 58)),
            PickStatus(ref rng),
            cipher.Encrypt(DemoContacts.EmailFor(userId), ContactColumns.Email),
            cipher.Encrypt(DemoContacts.PhoneFor(userId), ContactColumns.Phone),
            hasher.HashEmail(DemoContacts.EmailFor(userId)),
            hasher.HashPhone(DemoContacts.PhoneFor(userId)),
            month.FirstDay.AddDays(-rng.Next(1, 2000)).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
        var charges = new UserCharges(
            userId,
            GeneratePlans(ref rng, userId, month),
            GenerateAddons(ref rng, userId, month),
            GenerateInstallments(ref rng, userId, month),
            GenerateMicroPayments(ref rng, userId, month));
        return new GeneratedUser(user, charges, GeneratePreferences(ref rng, userId));
    }

    private static UserStatus PickStatus(ref SplitMix64 rng) => rng.Next(100) switch
    {
        < 95 => UserStatus.Active,
        < 99 => UserStatus.Suspended,
        _ => UserStatus.Terminated,
    };

    private static List<PlanSubscription> GeneratePlans(ref SplitMix64 rng, long userId, BillingMonth month)
    {
        var plans = new List<PlanSubscription>(2);
        var id = userId * 10;
        var planId = rng.Next(1, DemoCatalog.Plans.Count + 1);
        var contract = rng.Chance(0.3);
        var longAgo = month.FirstDay.AddDays(-rng.Next(30, 1100));
        var day = rng.Next(2, month.Days + 1);
        switch (rng.Next(100))
        {
            case < 2:
                break;
            case < 5:
                var next = rng.Next(1, DemoCatalog.Plans.Count + 1);
                plans.Add(new(id + 1, planId, longAgo, month.FirstDay.AddDays(day - 2), SubscriptionStatus.Cancelled, contract));
                plans.Add(new(id + 2, next, month.FirstDay.AddDays(day - 1), null, SubscriptionStatus.Active, rng.Chance(0.3)));
                break;
            case < 9:
                plans.Add(new(id + 1, planId, month.FirstDay.AddDays(day - 1), null, SubscriptionStatus.Active, contract));
                break;
            case < 12:
                plans.Add(new(id + 1, planId, longAgo, month.FirstDay.AddDays(day - 2), SubscriptionStatus.Cancelled, contract));
                break;
            case < 13:
                plans.Add(new(id + 1, planId, longAgo, month.FirstDay.AddDays(-rng.Next(1, 20)), SubscriptionStatus.Cancelled, contract));
                break;
            default:
                plans.Add(new(id + 1, planId, longAgo, null, SubscriptionStatus.Active, contract));
                break;
        }
        return plans;
    }

    private static List<AddonSubscription> GenerateAddons(ref SplitMix64 rng, long userId, BillingMonth month)
    {
        var count = rng.Next(5);
        var addons = new List<AddonSubscription>(count);
        var first = rng.Next(DemoCatalog.Addons.Count);
        for (var i = 0; i < count; i++)
        {
            var addonId = (first + i) % DemoCatalog.Addons.Count + 1;
            var start = rng.Chance(0.9) ? month.FirstDay.AddDays(-rng.Next(1, 700)) : month.FirstDay.AddDays(rng.Next(1, month.Days));
            DateOnly? end = rng.Chance(0.05) ? month.LastDay.AddDays(-rng.Next(1, 10)) : null;
            if (end < start)
            {
                end = null;
            }
            addons.Add(new(userId * 10 + i, addonId, start, end, end is null ? SubscriptionStatus.Active : SubscriptionStatus.Cancelled));
        }
        return addons;
    }

    private static List<DeviceInstallment> GenerateInstallments(ref SplitMix64 rng, long userId, BillingMonth month)
    {
        if (!rng.Chance(0.3))
        {
            return [];
        }
        var first = month;
        for (var back = rng.Next(0, 40); back > 0; back--)
        {
            first = first.Previous;
        }
        var monthly = rng.Next(1_500, 6_000) * 10L;
        return [new DeviceInstallment(userId, Devices[rng.Next(Devices.Length)], monthly, first, rng.Chance(0.5) ? 24 : 36)];
    }

    private List<MicroPayment> GenerateMicroPayments(ref SplitMix64 rng, long userId, BillingMonth month)
    {
        var count = rng.Next(100) switch { < 25 => 0, < 45 => 1, < 65 => 2, < 80 => 3, < 92 => 4, _ => 5 };
        var payments = new List<MicroPayment>(count);
        var window = SettlementWindow.For(month, zone);
        var seconds = (long)(window.ToUtc - window.FromUtc).TotalSeconds;
        for (var i = 0; i < count; i++)
        {
            // The first payment of some users sits on the month's first local instant, where an
            // off-by-one-zone reader would misplace it.
            var offset = i == 0 && rng.Chance(0.02) ? 0 : (long)(rng.NextDouble() * seconds);
            payments.Add(new MicroPayment(
                userId * 10 + i,
                rng.Next(1, 101) * 100L,
                Merchants[rng.Next(Merchants.Length)],
                (MicroPaymentType)rng.Next(1, 4),
                window.FromUtc.AddSeconds(offset)));
        }
        return payments;
    }

    private static List<NotificationPreference> GeneratePreferences(ref SplitMix64 rng, long userId)
    {
        var primary = rng.Next(100) switch { < 70 => Channel.Email, < 90 => Channel.Sms, _ => Channel.Push };
        TimeWindow? quiet = rng.Chance(0.15)
            ? new TimeWindow(new TimeOnly(rng.Next(21, 24), 0), new TimeOnly(rng.Next(6, 10), 0))
            : null;
        int? sendDay = null;
        TimeOnly? sendTime = null;
        if (rng.Chance(0.1))
        {
            sendDay = rng.Next(1, 29);
            sendTime = new TimeOnly(rng.Next(9, 21), rng.Chance(0.5) ? 0 : 30);
        }
        var preferences = new List<NotificationPreference>(2) { new(userId, primary, true, 1, quiet, sendDay, sendTime) };
        if (primary != Channel.Sms)
        {
            preferences.Add(new(userId, Channel.Sms, true, 2, null, null, null));
        }
        return preferences;
    }
}
