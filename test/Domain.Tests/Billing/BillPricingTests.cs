using BillForU.Domain.Billing;
using BillForU.Domain.Charges;

namespace BillForU.Domain.Tests.Billing;

public class BillPricingTests
{
    private const int PlanId = 1;
    private const long PlanFee = 55_000;
    private const int AddonId = 1;
    private const long AddonFee = 3_300;

    private static readonly BillingMonth October = new(2026, 10);
    private static readonly BillingMonth November = new(2026, 11);

    private readonly BillPricing _pricing = new(
        new PriceCatalog(
            [new Plan(PlanId, "Test", "STANDARD", "5G", PlanFee, null, null, true), new Plan(2, "Other", "BASIC", "LTE", 33_000, null, null, true)],
            [new Addon(AddonId, "Data", "DATA", AddonFee, true)]),
        BillingTerms.Default);

    private static UserCharges Charges(
        IReadOnlyList<PlanSubscription>? plans = null,
        IReadOnlyList<AddonSubscription>? addons = null,
        IReadOnlyList<DeviceInstallment>? installments = null,
        IReadOnlyList<MicroPayment>? micro = null) =>
        new(7, plans ?? [], addons ?? [], installments ?? [], micro ?? []);

    private static PlanSubscription Plan(DateOnly start, DateOnly? end = null, bool contract = false, int planId = PlanId) =>
        new(1, planId, start, end, end is null ? SubscriptionStatus.Active : SubscriptionStatus.Cancelled, contract);

    private static long Amount(PricedBill bill, BillLineType type) => bill.Lines.Where(l => l.Type == type).Sum(l => l.Amount);

    [Fact]
    public void Plan_active_all_month_is_billed_in_full()
    {
        var bill = _pricing.Price(October, Charges([Plan(new DateOnly(2025, 1, 1))]))!;

        Assert.Equal(PlanFee, Amount(bill, BillLineType.BaseFee));
        Assert.Equal(5_500, Amount(bill, BillLineType.Vat));
        Assert.Equal(60_500, bill.TotalAmount);
    }

    [Fact]
    public void Plan_starting_on_the_16th_of_a_30_day_month_pays_15_of_30_days()
    {
        var bill = _pricing.Price(November, Charges([Plan(new DateOnly(2026, 11, 16))]))!;

        var line = Assert.Single(bill.Lines, l => l.Type == BillLineType.BaseFee);
        Assert.Equal(15, line.Quantity);
        Assert.Equal(27_500, line.Amount);
    }

    [Fact]
    public void Plan_ending_on_the_10th_pays_10_days_end_date_inclusive()
    {
        var bill = _pricing.Price(November, Charges([Plan(new DateOnly(2025, 1, 1), new DateOnly(2026, 11, 10))]))!;

        Assert.Equal(KrwRounding.Divide(PlanFee * 10, 30), Amount(bill, BillLineType.BaseFee));
        Assert.Equal(18_333, Amount(bill, BillLineType.BaseFee));
    }

    [Fact]
    public void Plan_starting_on_the_last_day_pays_one_day()
    {
        var bill = _pricing.Price(October, Charges([Plan(new DateOnly(2026, 10, 31))]))!;

        Assert.Equal(1_774, Amount(bill, BillLineType.BaseFee));
    }

    [Fact]
    public void Plan_ending_on_the_first_pays_one_day()
    {
        var bill = _pricing.Price(October, Charges([Plan(new DateOnly(2024, 5, 1), new DateOnly(2026, 10, 1))]))!;

        Assert.Equal(1_774, Amount(bill, BillLineType.BaseFee));
    }

    [Fact]
    public void February_of_a_leap_year_prorates_over_29_days()
    {
        var leapFebruary = new BillingMonth(2028, 2);

        var bill = _pricing.Price(leapFebruary, Charges([Plan(new DateOnly(2028, 2, 15))]))!;

        var line = Assert.Single(bill.Lines, l => l.Type == BillLineType.BaseFee);
        Assert.Equal(15, line.Quantity);
        Assert.Equal(KrwRounding.Divide(PlanFee * 15, 29), line.Amount);
        Assert.Equal(28_448, line.Amount);
    }

    [Fact]
    public void Mid_month_plan_change_bills_each_plan_for_its_own_days()
    {
        var bill = _pricing.Price(November, Charges(
        [
            new PlanSubscription(1, PlanId, new DateOnly(2025, 3, 1), new DateOnly(2026, 11, 10), SubscriptionStatus.Cancelled, false),
            new PlanSubscription(2, 2, new DateOnly(2026, 11, 11), null, SubscriptionStatus.Active, false),
        ]))!;

        var lines = bill.Lines.Where(l => l.Type == BillLineType.BaseFee).ToArray();
        Assert.Equal([(PlanId, 10, 18_333L), (2, 20, 22_000L)], lines.Select(l => ((int)l.ItemId, l.Quantity, l.Amount)));
        Assert.Equal(30, lines.Sum(l => l.Quantity));
    }

    [Fact]
    public void Contract_discount_is_25_percent_of_the_rounded_prorated_base_fee()
    {
        var bill = _pricing.Price(November, Charges([Plan(new DateOnly(2025, 1, 1), new DateOnly(2026, 11, 10), contract: true)]))!;

        Assert.Equal(18_333, Amount(bill, BillLineType.BaseFee));
        Assert.Equal(-4_583, Amount(bill, BillLineType.Discount));
        Assert.Equal(KrwRounding.Percent(18_333 - 4_583, 10), Amount(bill, BillLineType.Vat));
        Assert.Equal(1_375, Amount(bill, BillLineType.Vat));
    }

    [Fact]
    public void Vat_is_10_percent_of_base_addon_device_and_discount_but_not_micro_payments()
    {
        var bill = _pricing.Price(October, Charges(
            [Plan(new DateOnly(2025, 1, 1), contract: true)],
            [new AddonSubscription(1, AddonId, new DateOnly(2025, 1, 1), null, SubscriptionStatus.Active)],
            [new DeviceInstallment(1, "Phone", 40_000, new BillingMonth(2026, 1), 24)],
            [new MicroPayment(1, 5_000, "App", MicroPaymentType.App, new DateTime(2026, 10, 5, 0, 0, 0, DateTimeKind.Utc)),
             new MicroPayment(2, 1_200, "Game", MicroPaymentType.Game, new DateTime(2026, 10, 6, 0, 0, 0, DateTimeKind.Utc))]))!;

        var taxable = PlanFee - 13_750 + AddonFee + 40_000;
        Assert.Equal(-13_750, Amount(bill, BillLineType.Discount));
        Assert.Equal(taxable / 10, Amount(bill, BillLineType.Vat));
        var micro = Assert.Single(bill.Lines, l => l.Type == BillLineType.MicroPayment);
        Assert.Equal((2, 6_200L), (micro.Quantity, micro.Amount));
        Assert.Equal(taxable + taxable / 10 + 6_200, bill.TotalAmount);
        Assert.Equal(bill.Lines.Sum(l => l.Amount), bill.TotalAmount);
    }

    [Fact]
    public void Vat_rounds_half_away_from_zero()
    {
        // 1,005 taxable → VAT 100.5 → 101.
        var catalog = new PriceCatalog([new Plan(9, "Odd", "BASIC", "LTE", 1_005, null, null, true)], []);
        var pricing = new BillPricing(catalog, BillingTerms.Default);

        var bill = pricing.Price(October, Charges([Plan(new DateOnly(2025, 1, 1), planId: 9)]))!;

        Assert.Equal(101, Amount(bill, BillLineType.Vat));
    }

    [Fact]
    public void Installment_is_billed_while_months_remain_and_not_after_it_ended()
    {
        var installment = new DeviceInstallment(1, "Phone", 40_000, new BillingMonth(2024, 10), 24);

        var lastMonth = _pricing.Price(new BillingMonth(2026, 9), Charges(installments: [installment]));
        var afterEnd = _pricing.Price(October, Charges(installments: [installment]));

        Assert.Equal(40_000, Amount(lastMonth!, BillLineType.DeviceFee));
        Assert.Equal(1, installment.MonthsRemaining(new BillingMonth(2026, 9)));
        Assert.Null(afterEnd);
    }

    [Fact]
    public void Plan_cancelled_before_the_month_contributes_nothing()
    {
        var bill = _pricing.Price(October, Charges(
            [new PlanSubscription(1, PlanId, new DateOnly(2025, 1, 1), new DateOnly(2026, 9, 20), SubscriptionStatus.Cancelled, true),
             new PlanSubscription(2, PlanId, new DateOnly(2025, 1, 1), null, SubscriptionStatus.Cancelled, false)],
            addons: [new AddonSubscription(1, AddonId, new DateOnly(2025, 1, 1), null, SubscriptionStatus.Active)]))!;

        Assert.DoesNotContain(bill.Lines, l => l.Type is BillLineType.BaseFee or BillLineType.Discount);
        Assert.Equal(AddonFee + 330, bill.TotalAmount);
    }

    [Fact]
    public void User_with_nothing_chargeable_gets_no_bill() =>
        Assert.Null(_pricing.Price(October, Charges()));

    [Fact]
    public void Issue_and_due_dates_derive_from_the_month()
    {
        var bill = _pricing.Price(October, Charges([Plan(new DateOnly(2025, 1, 1))]))!;

        Assert.Equal(new DateOnly(2026, 11, 1), bill.IssueDate);
        Assert.Equal(new DateOnly(2026, 11, 16), bill.DueDate);
        Assert.Equal(BillId.For(October, 7), bill.BillId);
        Assert.Equal([1, 2], bill.Lines.Select(l => l.LineNo));
    }
}
