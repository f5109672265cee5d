using BillForU.Domain.Billing;
using BillForU.Domain.Customers;
using BillForU.Domain.Notifications;
using BillForU.Domain.Settlement;
using BillForU.Storage.Extensions;
using BillForU.Storage.Notifications;
using Microsoft.Extensions.DependencyInjection;

namespace BillForU.Storage.Tests;

/// <summary>
/// The reads both SQL stores keep for the durable hand-off: settled bills without a notice record, the month's
/// reconciliation, and the due-time page the embedded mode wakes waiting notices from.
/// </summary>
public abstract class ReconciliationStoreContractTests : IAsyncLifetime
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private static readonly DateTime T0 = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);

    private ServiceProvider? _services;

    protected abstract Task<SqlStoreOptions> CreateStoreAsync();

    protected abstract Task DropStoreAsync();

    private IReconciliationStore Reconciliation => Get<IReconciliationStore>();

    private IDeliveryStore Deliveries => Get<IDeliveryStore>();

    public async Task InitializeAsync()
    {
        _services = new ServiceCollection().AddSqlStore(await CreateStoreAsync()).BuildServiceProvider();
        await Get<ISchemaMigrator>().MigrateAsync(Ct);
    }

    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }
        await DropStoreAsync();
    }

    [Fact]
    public async Task Bills_without_a_delivery_row_are_listed_in_pages_and_only_of_their_month()
    {
        var bills = await WriteBillsAsync(TestData.Month, 300);
        await WriteBillsAsync(TestData.Month.Next, 50);
        var handedOver = bills.Where((_, i) => i % 3 != 0).ToArray();
        await Deliveries.UpsertStatesAsync(handedOver.Select(b => State(b, Channel.Email, NotificationStatus.Sent)).ToArray(), Ct);

        var listed = new List<BillHeader>();
        long after = 0;
        while (await Reconciliation.ListBillsWithoutNoticeAsync(TestData.Month, after, 40, Ct) is { Count: > 0 } page)
        {
            Assert.True(page.Count <= 40);
            listed.AddRange(page);
            after = page[^1].BillId;
        }

        Assert.Equal(bills.Where((_, i) => i % 3 == 0).Select(b => b.BillId), listed.Select(b => b.BillId));
        Assert.All(listed, b => Assert.Equal(TestData.Month, b.Month));
        Assert.Equal(bills.First(b => b.BillId == listed[0].BillId), listed[0] with { EventPublishedAt = null });
    }

    [Fact]
    public async Task Settled_months_are_those_with_a_run_and_headers_are_read_for_exactly_the_ids_asked()
    {
        var bills = await WriteBillsAsync(TestData.Month, 30);
        var runs = Get<ISettlementRunRepository>();
        await runs.SaveRunAsync(new SettlementRunRecord("a", TestData.Month.Next, SettlementRunStatus.Running, 1, 0, 0, 0, T0, null, null), Ct);
        await runs.SaveRunAsync(new SettlementRunRecord("b", TestData.Month, SettlementRunStatus.Completed, 1, 1, 30, 30, T0, T0, null), Ct);
        long[] asked = [bills[2].BillId, bills[5].BillId, bills[6].BillId, BillId.For(TestData.Month, 9_999)];

        Assert.Equal([TestData.Month, TestData.Month.Next], await Reconciliation.ListSettledMonthsAsync(Ct));
        Assert.Equal(asked[..3], (await Reconciliation.GetBillHeadersAsync(asked, Ct)).Select(b => b.BillId));
    }

    [Fact]
    public async Task A_month_reconciles_each_bill_once_by_the_outcome_of_its_rows()
    {
        var bills = await WriteBillsAsync(TestData.Month, 14);
        Assert.True(bills.Count >= 11, "the dataset must leave at least three bills without rows");
        var at8 = T0.AddHours(23);
        await Deliveries.UpsertStatesAsync(
        [
            // A failed email whose SMS fallback was sent counts as sent.
            State(bills[0], Channel.Email, NotificationStatus.Failed), State(bills[0], Channel.Sms, NotificationStatus.Sent),
            State(bills[1], Channel.Email, NotificationStatus.Sent),
            State(bills[2], Channel.Email, NotificationStatus.Deferred, at8),
            State(bills[3], Channel.Email, NotificationStatus.Scheduled, at8.AddDays(2)),
            State(bills[4], Channel.Email, NotificationStatus.RetryWait, T0.AddMinutes(5)),
            State(bills[5], Channel.Email, NotificationStatus.DeadLettered),
            State(bills[6], Channel.Email, NotificationStatus.Cancelled),
            State(bills[7], Channel.Email, NotificationStatus.Sending),
        ], Ct);
        await Deliveries.AppendAttemptsAsync(
        [
            new(bills[1].BillId, Channel.Email, 1, NotificationStatus.Sent, null, "m1", T0),
            new(bills[1].BillId, Channel.Email, 2, NotificationStatus.Sent, null, "m2", T0.AddSeconds(1)),
            new(bills[0].BillId, Channel.Sms, 1, NotificationStatus.Sent, null, "s1", T0),
        ], Ct);

        var report = await Reconciliation.ReconcileAsync(TestData.Month, 3, Ct);

        Assert.Equal(bills.Count, report.Bills);
        Assert.Equal(
            [(BillNoticeStatus.Sent, 2L), (BillNoticeStatus.Waiting, 2L), (BillNoticeStatus.Retrying, 1L), (BillNoticeStatus.DeadLettered, 1L),
             (BillNoticeStatus.Cancelled, 1L), (BillNoticeStatus.InFlight, 1L), (BillNoticeStatus.Missing, bills.Count - 8L)],
            report.Statuses.Select(s => (s.Status, s.Bills)));
        var waiting = report.Statuses.Single(s => s.Status == BillNoticeStatus.Waiting);
        Assert.Equal((at8, at8.AddDays(2)), (waiting.EarliestDue, waiting.LatestDue));
        Assert.Equal(bills.Skip(8).Take(3).Select(b => b.BillId), report.FirstMissingBillIds);
        Assert.False(report.NothingMissing);
        Assert.Equal(1, report.NoticesSentMoreThanOnce);
        Assert.Equal([NotificationIds.For(bills[1].BillId, Channel.Email)], report.FirstRepeatedNoticeIds);
    }

    [Fact]
    public async Task Due_notices_page_in_due_order_through_one_instant_and_skip_what_is_not_yet_due_or_written_since()
    {
        var at8 = T0.AddHours(23);
        var states = new List<DeliveryState>();
        for (var user = 1; user <= 25; user++)
        {
            states.Add(State(Header(user), Channel.Email, NotificationStatus.Deferred, at8));
        }
        states.Add(State(Header(30), Channel.Email, NotificationStatus.RetryWait, at8.AddMinutes(-1)));
        states.Add(State(Header(31), Channel.Sms, NotificationStatus.Scheduled, at8.AddMinutes(1)));
        states.Add(State(Header(32), Channel.Email, NotificationStatus.Scheduled, at8.AddDays(1)));
        states.Add(State(Header(33), Channel.Email, NotificationStatus.Sent, at8));
        states.Add(State(Header(34), Channel.Email, NotificationStatus.Deferred, at8) with { UpdatedAt = T0.AddHours(2) });
        await Deliveries.UpsertStatesAsync(states, Ct);

        var read = new List<DeliveryState>();
        var (afterDue, afterBill) = (DateTime.UnixEpoch, 0L);
        while (await Deliveries.ListDueAsync(afterDue, afterBill, at8.AddMinutes(1), T0.AddHours(1), 7, Ct) is { Count: > 0 } page)
        {
            Assert.True(page.Count <= 7);
            read.AddRange(page);
            (afterDue, afterBill) = (page[^1].NextAttemptAt!.Value, page[^1].BillId);
        }

        long[] expected = [BillId.For(TestData.Month, 30), .. Enumerable.Range(1, 25).Select(u => BillId.For(TestData.Month, u)), BillId.For(TestData.Month, 31)];
        Assert.Equal(expected, read.Select(s => s.BillId));
        Assert.Equal(states.Single(s => s.UserId == 31), read[^1]);
    }

    private static BillHeader Header(long userId) =>
        new(BillId.For(TestData.Month, userId), userId, TestData.Month, TestData.Month.LastDay, TestData.Month.LastDay, BillTotals.Zero, null);

    private static DeliveryState State(BillHeader bill, Channel channel, NotificationStatus status, DateTime? due = null) =>
        new(bill.BillId, channel, bill.UserId, bill.Month.ToString(), status, 1, null, due, status == NotificationStatus.Sent ? T0 : null, null, T0);

    private async Task<IReadOnlyList<BillHeader>> WriteBillsAsync(BillingMonth month, int users)
    {
        var priced = TestData.Bills(month, 1, users);
        await Get<IBillRepository>().WriteChunkAsync(new BillChunk(month, 0, 0, users, priced), Ct);
        return priced.Select(BillHeader.Of).ToArray();
    }

    private T Get<T>() where T : notnull => _services!.GetRequiredService<T>();
}
