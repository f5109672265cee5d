using BillForU.Domain.Billing;
using BillForU.Domain.Charges;
using BillForU.Domain.Generation;
using BillForU.Domain.Settlement;
using BillForU.Storage.Extensions;
using Microsoft.Extensions.DependencyInjection;

namespace BillForU.Storage.Tests;

/// <summary>
/// The one contract both SQL stores must keep. Each test gets a fresh, migrated database of its own
/// (a derived class says how to make one) and reaches it only through <see cref="SqlStoreServiceCollectionExtensions.AddSqlStore"/>.
/// </summary>
public abstract class SqlStoreContractTests : IAsyncLifetime
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private static readonly DateTime T0 = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);

    private ServiceProvider? _services;
    private IReadOnlyList<int> _initialMigrations = [];

    protected abstract Task<SqlStoreOptions> CreateStoreAsync();

    protected abstract Task DropStoreAsync();

    private ISchemaMigrator Migrator => Get<ISchemaMigrator>();

    private IBillingDataSource Source => Get<IBillingDataSource>();

    private IBillRepository Bills => Get<IBillRepository>();

    private ISettlementRunRepository Runs => Get<ISettlementRunRepository>();

    private IDatasetSeeder Seeder => Get<IDatasetSeeder>();

    public async Task InitializeAsync()
    {
        var options = await CreateStoreAsync();
        _services = new ServiceCollection().AddSqlStore(options).BuildServiceProvider();
        _initialMigrations = await Migrator.MigrateAsync(Ct);
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
    public async Task Migrate_applies_every_version_once()
    {
        Assert.Equal([1, 2, 3, 4, 5], _initialMigrations);
        Assert.Empty(await Migrator.MigrateAsync(Ct));
        Assert.Empty(await Migrator.MigrateAsync(Ct));
    }

    [Fact]
    public async Task Empty_store_has_no_users_and_reads_empty_chunks()
    {
        Assert.Null(await Source.GetUserIdBoundsAsync(Ct));
        Assert.Null(await Seeder.GetDatasetInfoAsync(Ct));
        Assert.False(await Seeder.HasCatalogAsync(Ct));
        var chunk = await Source.ReadChargesAsync(TestData.Window(TestData.Month), 0, 1_000, 100, Ct);
        Assert.Empty(chunk.Users);
        Assert.Equal(1_000, chunk.LastUserId);
    }

    [Fact]
    public async Task Seeded_dataset_reads_back_exactly_as_generated()
    {
        const int users = 2_000;
        var generator = TestData.Generator(users);
        var reports = new List<SeedProgress>();
        var rows = await Seeder.SeedAsync(generator, new SynchronousProgress<SeedProgress>(reports.Add), Ct);

        var generated = generator.GenerateBlock(1, users);
        var expectedRows = DemoCatalog.Plans.Count + DemoCatalog.Addons.Count + DemoCatalog.MessagePolicies.Count + 1
            + generated.Sum(u => 1L + u.Charges.Plans.Count + u.Charges.Addons.Count + u.Charges.Installments.Count
                + u.Charges.MicroPayments.Count + u.Preferences.Count);
        Assert.Equal(expectedRows, rows);
        Assert.NotEmpty(reports);
        Assert.Equal(users, reports[^1].UsersDone);
        Assert.Equal(users, reports[^1].UsersTotal);

        var info = await Seeder.GetDatasetInfoAsync(Ct);
        Assert.NotNull(info);
        Assert.Equal((42L, users, "2026-10"), (info.Seed, info.Users, info.Month));
        Assert.Equal(new UserIdBounds(1, users, users), await Source.GetUserIdBoundsAsync(Ct));

        var catalog = await Source.GetCatalogAsync(Ct);
        Assert.Equal(DemoCatalog.Plans, catalog.Plans);
        Assert.Equal(DemoCatalog.Addons, catalog.Addons);

        var window = TestData.Window(TestData.Month);
        var read = new List<UserCharges>();
        long after = 0;
        while (after < users)
        {
            var chunk = await Source.ReadChargesAsync(window, after, users, 700, Ct);
            Assert.True(chunk.Users.Count <= 700);
            read.AddRange(chunk.Users);
            Assert.True(chunk.LastUserId > after);
            after = chunk.LastUserId;
        }
        Assert.Equal(users, read.Count);
        for (var i = 0; i < users; i++)
        {
            TestData.AssertSameCharges(TestData.ExpectedCharges(generated[i].Charges, window), read[i]);
        }
        // The generator put some payments on the month's first instant: they must be read as in the month.
        Assert.Contains(read, u => u.MicroPayments.Any(p => p.PaidAt == window.FromUtc));
    }

    [Fact]
    public async Task Chunk_ends_at_its_last_user_or_at_the_range_end()
    {
        await Seeder.SeedAsync(TestData.Generator(300), null, Ct);
        var window = TestData.Window(TestData.Month);

        var first = await Source.ReadChargesAsync(window, 0, 250, 100, Ct);
        Assert.Equal(Enumerable.Range(1, 100).Select(i => (long)i), first.Users.Select(u => u.UserId));
        Assert.Equal(100, first.LastUserId);

        var tail = await Source.ReadChargesAsync(window, 200, 250, 100, Ct);
        Assert.Equal(50, tail.Users.Count);
        Assert.Equal(250, tail.LastUserId);

        var beyond = await Source.ReadChargesAsync(window, 300, 400, 100, Ct);
        Assert.Empty(beyond.Users);
        Assert.Equal(400, beyond.LastUserId);
    }

    [Fact]
    public async Task Micro_payments_are_read_from_the_window_start_inclusive_to_its_end_exclusive()
    {
        const int users = 200;
        var generator = TestData.Generator(users);
        await Seeder.SeedAsync(generator, null, Ct);
        var payments = generator.GenerateBlock(1, users).SelectMany(u => u.Charges.MicroPayments).OrderBy(p => p.PaidAt).ToArray();
        var start = payments[payments.Length / 3].PaidAt;
        var end = payments[2 * payments.Length / 3].PaidAt;
        Assert.True(start < end);
        var window = new SettlementWindow(TestData.Month, start, end);

        var read = (await Source.ReadChargesAsync(window, 0, users, users, Ct)).Users.SelectMany(u => u.MicroPayments).ToArray();

        Assert.Contains(read, p => p.PaidAt == start);
        Assert.DoesNotContain(read, p => p.PaidAt == end);
        Assert.Equal(payments.Where(p => p.PaidAt >= start && p.PaidAt < end).Select(p => p.Id).Order(), read.Select(p => p.Id).Order());
    }

    [Fact]
    public async Task Writing_the_same_chunk_twice_leaves_one_copy()
    {
        var bills = TestData.Bills(TestData.Month, 1, 100);
        var chunk = new BillChunk(TestData.Month, 0, 0, 100, bills);

        await Bills.WriteChunkAsync(chunk, Ct);
        await Bills.WriteChunkAsync(chunk, Ct);

        var summary = await Bills.GetMonthSummaryAsync(TestData.Month, Ct);
        Assert.Equal(bills.Count, summary.Bills);
        Assert.Equal(bills.Sum(b => b.Lines.Count), summary.Lines);
        var stored = await Bills.GetBillAsync(bills[7].BillId, Ct);
        Assert.NotNull(stored);
        Assert.Equal(BillHeader.Of(bills[7]), stored.Header);
        Assert.Equal(bills[7].Lines, stored.Lines);
        var checkpoint = Assert.Single(await Runs.GetCheckpointsAsync(TestData.Month, Ct));
        Assert.Equal((100L, (long)bills.Count), (checkpoint.CommittedUserId, checkpoint.BillsWritten));
    }

    [Fact]
    public async Task Rewriting_a_chunk_replaces_its_bills_and_drops_users_no_longer_billed()
    {
        var bills = TestData.Bills(TestData.Month, 1, 60);
        await Bills.WriteChunkAsync(new BillChunk(TestData.Month, 0, 0, 60, bills), Ct);

        var fewer = bills.Where((_, i) => i % 2 == 0).ToArray();
        await Bills.WriteChunkAsync(new BillChunk(TestData.Month, 0, 0, 60, fewer), Ct);

        var listed = await Bills.ListBillsAsync(TestData.Month, 0, 1_000, Ct);
        Assert.Equal(fewer.Select(BillHeader.Of), listed);
    }

    [Fact]
    public async Task Chunk_writes_advance_the_partition_checkpoint()
    {
        var plan = UserIdRangeSplitter.Split(TestData.Month, 1, 400, 4);
        await Runs.InitCheckpointsAsync(plan, Ct);
        var first = TestData.Bills(TestData.Month, 101, 50);
        var second = TestData.Bills(TestData.Month, 151, 50);

        await Bills.WriteChunkAsync(new BillChunk(TestData.Month, 1, 100, 150, first), Ct);
        await Bills.WriteChunkAsync(new BillChunk(TestData.Month, 1, 150, 200, second), Ct);

        var checkpoints = await Runs.GetCheckpointsAsync(TestData.Month, Ct);
        Assert.Equal(4, checkpoints.Count);
        Assert.Equal(plan[1] with { CommittedUserId = 200, BillsWritten = first.Count + second.Count }, checkpoints[1]);
        Assert.Equal([plan[0], plan[2], plan[3]], [checkpoints[0], checkpoints[2], checkpoints[3]]);

        // Re-planning the month keeps the progress made; completing marks only that partition.
        await Runs.InitCheckpointsAsync(plan, Ct);
        await Runs.CompletePartitionAsync(TestData.Month, 1, Ct);
        checkpoints = await Runs.GetCheckpointsAsync(TestData.Month, Ct);
        Assert.Equal(plan[1] with { CommittedUserId = 200, BillsWritten = first.Count + second.Count, Completed = true }, checkpoints[1]);
        Assert.False(checkpoints[0].Completed);
    }

    [Fact]
    public async Task A_failing_chunk_write_changes_nothing()
    {
        await Runs.InitCheckpointsAsync(UserIdRangeSplitter.Split(TestData.Month, 1, 100, 1), Ct);
        var good = TestData.Bills(TestData.Month, 1, 50);
        await Bills.WriteChunkAsync(new BillChunk(TestData.Month, 0, 0, 50, good), Ct);
        var before = await Bills.GetMonthSummaryAsync(TestData.Month, Ct);

        // Two lines numbered 1 in one bill: the insert fails after the range was deleted.
        static IReadOnlyList<PricedBill> Broken(IReadOnlyList<PricedBill> bills) =>
            [.. bills.Take(bills.Count - 1), bills[^1] with { Lines = [.. bills[^1].Lines, bills[^1].Lines[0]] }];
        await Assert.ThrowsAnyAsync<Exception>(() => Bills.WriteChunkAsync(new BillChunk(TestData.Month, 0, 0, 50, Broken(good)), Ct));
        await Assert.ThrowsAnyAsync<Exception>(() =>
            Bills.WriteChunkAsync(new BillChunk(TestData.Month, 0, 50, 100, Broken(TestData.Bills(TestData.Month, 51, 50))), Ct));

        Assert.Equal(before, await Bills.GetMonthSummaryAsync(TestData.Month, Ct));
        Assert.Equal(good[^1].Lines, (await Bills.GetBillAsync(good[^1].BillId, Ct))!.Lines);
        var checkpoint = Assert.Single(await Runs.GetCheckpointsAsync(TestData.Month, Ct));
        Assert.Equal((50L, (long)good.Count), (checkpoint.CommittedUserId, checkpoint.BillsWritten));
    }

    [Fact]
    public async Task A_chunk_with_a_bill_outside_its_range_is_refused()
    {
        var bills = TestData.Bills(TestData.Month, 1, 20);
        await Assert.ThrowsAsync<ArgumentException>(() => Bills.WriteChunkAsync(new BillChunk(TestData.Month, 0, 0, 10, bills), Ct));
        await Assert.ThrowsAsync<ArgumentException>(() =>
            Bills.WriteChunkAsync(new BillChunk(TestData.Month, 0, 0, 20, [bills[0], bills[0]]), Ct));
        Assert.Equal(0, (await Bills.GetMonthSummaryAsync(TestData.Month, Ct)).Bills);
    }

    [Fact]
    public async Task Concurrent_partitions_write_their_chunks_without_conflict()
    {
        const int partitions = 6, chunks = 5, chunkUsers = 40;
        var plan = UserIdRangeSplitter.Split(TestData.Month, 1, partitions * chunks * chunkUsers, partitions);
        await Runs.InitCheckpointsAsync(plan, Ct);

        var written = await Task.WhenAll(plan.Select(partition => Task.Run(async () =>
        {
            long count = 0;
            for (var after = partition.AfterUserId; after < partition.LastUserId; after += chunkUsers)
            {
                var bills = TestData.Bills(TestData.Month, after + 1, chunkUsers);
                await Bills.WriteChunkAsync(new BillChunk(TestData.Month, partition.Partition, after, after + chunkUsers, bills), Ct);
                count += bills.Count;
            }
            return count;
        })));

        Assert.Equal(written.Sum(), (await Bills.GetMonthSummaryAsync(TestData.Month, Ct)).Bills);
        var checkpoints = await Runs.GetCheckpointsAsync(TestData.Month, Ct);
        Assert.All(checkpoints, c => Assert.Equal(c.LastUserId, c.CommittedUserId));
        Assert.Equal(written, checkpoints.Select(c => c.BillsWritten));
    }

    [Fact]
    public async Task Published_events_are_marked_once_and_unpublished_ones_read_in_user_order()
    {
        var bills = TestData.Bills(TestData.Month, 1, 60);
        await Bills.WriteChunkAsync(new BillChunk(TestData.Month, 0, 0, 60, bills), Ct);

        var firstTen = await Bills.ReadUnpublishedAsync(TestData.Month, 0, 60, 10, Ct);
        Assert.Equal(bills.Take(10).Select(BillHeader.Of), firstTen);

        var published = bills.Count(b => b.UserId <= 30);
        Assert.Equal(published, await Bills.MarkEventsPublishedAsync(TestData.Month, 0, 30, T0, Ct));
        Assert.Equal(0, await Bills.MarkEventsPublishedAsync(TestData.Month, 0, 30, T0.AddHours(1), Ct));

        var rest = await Bills.ReadUnpublishedAsync(TestData.Month, 0, 60, 1_000, Ct);
        Assert.Equal(bills.Where(b => b.UserId > 30).Select(b => b.BillId), rest.Select(h => h.BillId));
        var marked = await Bills.GetBillAsync(bills[0].BillId, Ct);
        Assert.Equal(T0, marked!.Header.EventPublishedAt);
        Assert.Equal(DateTimeKind.Utc, marked.Header.EventPublishedAt!.Value.Kind);
        Assert.Equal(published, (await Bills.GetMonthSummaryAsync(TestData.Month, Ct)).EventsPublished);
    }

    [Fact]
    public async Task Month_summary_adds_up_the_months_bills_only()
    {
        var october = TestData.Bills(TestData.Month, 1, 120);
        var november = TestData.Bills(TestData.Month.Next, 1, 30);
        await Bills.WriteChunkAsync(new BillChunk(TestData.Month, 0, 0, 120, october), Ct);
        await Bills.WriteChunkAsync(new BillChunk(TestData.Month.Next, 0, 0, 30, november), Ct);

        var summary = await Bills.GetMonthSummaryAsync(TestData.Month, Ct);

        var totals = october.Aggregate(BillTotals.Zero, (sum, b) => sum.Add(b.Totals));
        Assert.Equal(new MonthSummary(TestData.Month, october.Count, october.Sum(b => b.Lines.Count), 0, totals), summary);
        Assert.Equal(october.Sum(b => b.TotalAmount), summary.Totals.Total);
        Assert.Equal(new MonthSummary(TestData.Month.Previous, 0, 0, 0, BillTotals.Zero), await Bills.GetMonthSummaryAsync(TestData.Month.Previous, Ct));
    }

    [Fact]
    public async Task Bills_list_in_user_order_by_pages_and_read_back_whole()
    {
        var bills = TestData.Bills(TestData.Month, 1, 80);
        await Bills.WriteChunkAsync(new BillChunk(TestData.Month, 0, 0, 80, bills), Ct);

        var page1 = await Bills.ListBillsAsync(TestData.Month, 0, 25, Ct);
        var page2 = await Bills.ListBillsAsync(TestData.Month, page1[^1].UserId, 25, Ct);

        Assert.Equal(bills.Take(50).Select(BillHeader.Of), page1.Concat(page2));
        Assert.Null(await Bills.GetBillAsync(BillId.For(TestData.Month, 999), Ct));
        foreach (var bill in bills.Take(5))
        {
            Assert.Equal(new StoredBill(BillHeader.Of(bill), bill.Lines).Header, (await Bills.GetBillAsync(bill.BillId, Ct))!.Header);
        }
    }

    [Fact]
    public async Task Runs_are_saved_updated_and_listed_newest_first()
    {
        var a = new SettlementRunRecord("run-a", TestData.Month, SettlementRunStatus.Running, 8, 2, 1_000, 500, T0, null, null);
        var b = new SettlementRunRecord("run-b", TestData.Month, SettlementRunStatus.Pending, 8, 0, 0, 0, T0.AddHours(1), null, null);
        var c = new SettlementRunRecord("run-c", TestData.Month.Next, SettlementRunStatus.Failed, 4, 1, 10, 10, T0.AddMinutes(30), T0.AddMinutes(31), "partition 3 failed");
        foreach (var run in new[] { a, b, c })
        {
            await Runs.SaveRunAsync(run, Ct);
        }
        var finishedA = a with { Status = SettlementRunStatus.Completed, PartitionsDone = 8, BillsWritten = 4_000, FinishedAt = T0.AddMinutes(5).AddTicks(1230) };
        await Runs.SaveRunAsync(finishedA, Ct);

        Assert.Equal(b, await Runs.GetLatestRunAsync(TestData.Month, Ct));
        Assert.Equal(c, await Runs.GetLatestRunAsync(TestData.Month.Next, Ct));
        Assert.Null(await Runs.GetLatestRunAsync(TestData.Month.Previous, Ct));
        Assert.Equal([b, c, finishedA], await Runs.ListRunsAsync(0, 10, Ct));
        Assert.Equal([c], await Runs.ListRunsAsync(1, 1, Ct));
        Assert.Empty(await Runs.ListRunsAsync(3, 10, Ct));
    }

    [Fact]
    public async Task Resetting_a_month_forgets_its_bills_and_checkpoints_only()
    {
        await Runs.InitCheckpointsAsync(UserIdRangeSplitter.Split(TestData.Month, 1, 40, 2), Ct);
        await Runs.InitCheckpointsAsync(UserIdRangeSplitter.Split(TestData.Month.Next, 1, 40, 2), Ct);
        var october = TestData.Bills(TestData.Month, 1, 40);
        var november = TestData.Bills(TestData.Month.Next, 1, 40);
        await Bills.WriteChunkAsync(new BillChunk(TestData.Month, 0, 0, 40, october), Ct);
        await Bills.WriteChunkAsync(new BillChunk(TestData.Month.Next, 0, 0, 40, november), Ct);

        await Runs.ResetMonthAsync(TestData.Month, Ct);

        Assert.Equal(new MonthSummary(TestData.Month, 0, 0, 0, BillTotals.Zero), await Bills.GetMonthSummaryAsync(TestData.Month, Ct));
        Assert.Empty(await Runs.GetCheckpointsAsync(TestData.Month, Ct));
        Assert.Equal(november.Count, (await Bills.GetMonthSummaryAsync(TestData.Month.Next, Ct)).Bills);
        Assert.Equal(2, (await Runs.GetCheckpointsAsync(TestData.Month.Next, Ct)).Count);
    }

    [Fact]
    public async Task Clearing_removes_the_dataset_its_bills_and_runs()
    {
        await Seeder.SeedAsync(TestData.Generator(100), null, Ct);
        await Bills.WriteChunkAsync(new BillChunk(TestData.Month, 0, 0, 100, TestData.Bills(TestData.Month, 1, 100)), Ct);
        await Runs.SaveRunAsync(new SettlementRunRecord("run", TestData.Month, SettlementRunStatus.Completed, 1, 1, 1, 1, T0, T0, null), Ct);

        Assert.True(await Seeder.HasCatalogAsync(Ct));
        await Seeder.ClearAsync(Ct);

        Assert.Null(await Seeder.GetDatasetInfoAsync(Ct));
        Assert.False(await Seeder.HasCatalogAsync(Ct));
        Assert.Null(await Source.GetUserIdBoundsAsync(Ct));
        Assert.Empty((await Source.GetCatalogAsync(Ct)).Plans);
        Assert.Equal(0, (await Bills.GetMonthSummaryAsync(TestData.Month, Ct)).Bills);
        Assert.Empty(await Runs.ListRunsAsync(0, 10, Ct));
        Assert.Empty(await Runs.GetCheckpointsAsync(TestData.Month, Ct));
        // A cleared store seeds again.
        Assert.True(await Seeder.SeedAsync(TestData.Generator(10), null, Ct) > 10);
    }

    private T Get<T>() where T : notnull => _services!.GetRequiredService<T>();

    /// <summary>Reports on the caller's thread, unlike <see cref="Progress{T}"/>, so a test sees every report before it asserts.</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
