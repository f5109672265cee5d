using BillForU.Domain.Billing;
using BillForU.Domain.Customers;
using BillForU.Domain.Generation;
using BillForU.Domain.Notifications;
using BillForU.Domain.Security;
using BillForU.Storage.Extensions;
using BillForU.Storage.Notifications;
using Microsoft.Extensions.DependencyInjection;

namespace BillForU.Storage.Tests;

/// <summary>
/// The contract both SQL stores keep for notifications: the recipient directory and the delivery store. Each
/// test gets a fresh, migrated database of its own, reached only through <see cref="SqlStoreServiceCollectionExtensions.AddSqlStore"/>.
/// </summary>
public abstract class NotificationStoreContractTests : IAsyncLifetime
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private static readonly DateTime T0 = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
    // The key ring of TestData.Generator, to read the seeded contacts back.
    private static readonly ContactCipher Cipher = new(new PiiKeyRing(
        "v1",
        new Dictionary<string, byte[]> { ["v1"] = Enumerable.Repeat((byte)1, PiiKeyRing.KeyBytes).ToArray() },
        Enumerable.Repeat((byte)2, PiiKeyRing.KeyBytes).ToArray()));
    private static readonly NotificationStatus[] Unfinished =
        [NotificationStatus.Pending, NotificationStatus.Deferred, NotificationStatus.Scheduled, NotificationStatus.Sending, NotificationStatus.RetryWait];

    private ServiceProvider? _services;

    protected abstract Task<SqlStoreOptions> CreateStoreAsync();

    protected abstract Task DropStoreAsync();

    private IRecipientDirectory Directory => Get<IRecipientDirectory>();

    private IDeliveryStore Store => Get<IDeliveryStore>();

    public async Task InitializeAsync()
    {
        var options = await CreateStoreAsync();
        _services = new ServiceCollection().AddSqlStore(options).BuildServiceProvider();
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
    public async Task Recipients_read_back_as_generated_and_unknown_users_are_absent()
    {
        // More users than one IN list holds, so the lookup is sliced.
        const int users = 1_200;
        var generator = TestData.Generator(users);
        await Get<IDatasetSeeder>().SeedAsync(generator, null, Ct);
        var generated = generator.GenerateBlock(1, users);
        const long unknown = users + 10;

        var read = await Directory.GetRecipientsAsync([.. Enumerable.Range(1, users).Select(i => (long)i), unknown, 5, 5], Ct);

        Assert.Equal(users, read.Count);
        Assert.False(read.ContainsKey(unknown));
        foreach (var user in generated)
        {
            var recipient = read[user.User.Id];
            Assert.Equal(user.User.Id, recipient.UserId);
            // Encryption draws a fresh nonce per value: the contacts are compared in plaintext.
            Assert.Equal(DemoContacts.EmailFor(user.User.Id), Cipher.Decrypt(recipient.EmailCipher, ContactColumns.Email));
            Assert.Equal(DemoContacts.PhoneFor(user.User.Id), Cipher.Decrypt(recipient.PhoneCipher, ContactColumns.Phone));
            Assert.Equal(user.Preferences.OrderBy(p => p.Priority), recipient.Preferences);
        }
        // The dataset must have exercised every optional column.
        var preferences = read.Values.SelectMany(r => r.Preferences).ToArray();
        Assert.Contains(preferences, p => p.QuietWindow is not null);
        Assert.Contains(preferences, p => p.SendDay is not null && p.SendTime is not null);
        Assert.Empty(await Directory.GetRecipientsAsync([], Ct));
    }

    [Fact]
    public async Task Recipients_of_a_gapped_or_scattered_set_are_exactly_the_users_asked_for()
    {
        const int users = 400;
        await Get<IDatasetSeeder>().SeedAsync(TestData.Generator(users), null, Ct);
        // Every other user is dense enough to be read as one id range; the users between must not come back.
        long[] everyOther = [.. Enumerable.Range(0, users / 2).Select(i => (long)(2 * i) + 1)];
        long[] scattered = [3, 97, 250, 399];

        var gapped = await Directory.GetRecipientsAsync(everyOther, Ct);
        var sparse = await Directory.GetRecipientsAsync(scattered, Ct);

        Assert.Equal(everyOther, gapped.Keys.Order());
        Assert.All(gapped, r => Assert.Equal(r.Key, r.Value.UserId));
        Assert.All(gapped.Values, r => Assert.All(r.Preferences, p => Assert.Equal(r.UserId, p.UserId)));
        Assert.Equal(scattered, sparse.Keys.Order());
        Assert.Equal(DemoContacts.EmailFor(97), Cipher.Decrypt(sparse[97].EmailCipher, ContactColumns.Email));
    }

    [Fact]
    public async Task Saved_preferences_insert_or_replace_by_user_and_channel()
    {
        await Get<IDatasetSeeder>().SeedAsync(TestData.Generator(3), null, Ct);
        var push = new NotificationPreference(2, Channel.Push, true, 1, new TimeWindow(new TimeOnly(23, 0), new TimeOnly(7, 0)), 15, new TimeOnly(9, 30));
        var sms = new NotificationPreference(2, Channel.Sms, false, 2, null, null, null);

        await Directory.SavePreferenceAsync(push with { Enabled = false, Priority = 3 }, Ct);
        await Directory.SavePreferenceAsync(push, Ct);
        await Directory.SavePreferenceAsync(sms, Ct);

        var recipient = (await Directory.GetRecipientsAsync([2], Ct))[2];
        Assert.Equal(push, recipient.Preferences.Single(p => p.Channel == Channel.Push));
        Assert.Equal(sms, recipient.Preferences.Single(p => p.Channel == Channel.Sms));

        await Directory.SavePreferenceAsync(push with { QuietWindow = null, SendDay = null, SendTime = null }, Ct);
        recipient = (await Directory.GetRecipientsAsync([2], Ct))[2];
        Assert.Equal(push with { QuietWindow = null, SendDay = null, SendTime = null }, recipient.Preferences.Single(p => p.Channel == Channel.Push));
    }

    [Fact]
    public async Task Message_policies_read_back_and_save_replaces_by_channel()
    {
        Assert.Empty(await Directory.GetMessagePoliciesAsync(Ct));
        await Get<IDatasetSeeder>().SeedAsync(TestData.Generator(1), null, Ct);
        Assert.Equal(DemoCatalog.MessagePolicies.OrderBy(p => p.Channel), (await Directory.GetMessagePoliciesAsync(Ct)).OrderBy(p => p.Channel));

        var email = new MessagePolicy(Channel.Email, false, new TimeWindow(new TimeOnly(23, 30), new TimeOnly(6, 45)));
        await Directory.SaveMessagePolicyAsync(email, Ct);

        var expected = DemoCatalog.MessagePolicies.Where(p => p.Channel != Channel.Email).Append(email).OrderBy(p => p.Channel);
        Assert.Equal(expected, (await Directory.GetMessagePoliciesAsync(Ct)).OrderBy(p => p.Channel));
    }

    [Fact]
    public async Task Upsert_replaces_states_by_bill_and_channel_and_reads_every_field_back()
    {
        var first = State(1, Channel.Email, NotificationStatus.RetryWait, attempts: 1) with
        {
            LastError = "451 4.7.1 try again later",
            NextAttemptAt = T0.AddMinutes(2).AddTicks(1234560),
        };
        var fallback = State(1, Channel.Sms, NotificationStatus.Pending);
        var other = State(2, Channel.Email, NotificationStatus.Scheduled) with { NextAttemptAt = T0.AddDays(14) };
        await Store.UpsertStatesAsync([first, fallback, other], Ct);

        var sent = first with
        {
            Status = NotificationStatus.Sent,
            Attempts = 2,
            LastError = null,
            NextAttemptAt = null,
            SentAt = T0.AddMinutes(3).AddTicks(10),
            ProviderMessageId = "<n-1@billforu>",
            UpdatedAt = T0.AddMinutes(3).AddTicks(10),
        };
        await Store.UpsertStatesAsync([sent], Ct);

        var read = await Store.GetStatesAsync([BillOf(1), BillOf(2), BillOf(3)], Ct);
        AssertSameStates([sent, fallback, other], read);
        Assert.All(read, s => Assert.Equal(DateTimeKind.Utc, s.UpdatedAt.Kind));
        Assert.Equal(DateTimeKind.Utc, read.Single(s => s.SentAt is not null).SentAt!.Value.Kind);
    }

    [Fact]
    public async Task A_later_state_of_the_same_key_in_one_batch_wins()
    {
        var states = Enumerable.Range(1, 5_000).Select(i => State(i, Channel.Email, NotificationStatus.Sending)).ToList();
        states.Add(State(42, Channel.Email, NotificationStatus.Sent, attempts: 1));
        await Store.UpsertStatesAsync(states, Ct);

        var read = await Store.GetStatesAsync(Enumerable.Range(1, 5_000).Select(i => BillOf(i)).ToArray(), Ct);

        Assert.Equal(5_000, read.Count);
        Assert.Equal(NotificationStatus.Sent, read.Single(s => s.BillId == BillOf(42)).Status);
    }

    [Fact]
    public async Task States_are_read_for_many_bills_at_once_and_unknown_bills_are_absent()
    {
        var states = Enumerable.Range(1, 1_100).Select(i => State(i * 2, i % 3 == 0 ? Channel.Sms : Channel.Email, NotificationStatus.Sent)).ToArray();
        await Store.UpsertStatesAsync(states, Ct);

        // Odd bills have no state; the ids span several IN lists and repeat.
        var asked = Enumerable.Range(1, 2_200).Select(i => BillOf(i)).Concat([BillOf(4), BillOf(4)]).ToArray();
        AssertSameStates(states, await Store.GetStatesAsync(asked, Ct));
        Assert.Empty(await Store.GetStatesAsync([], Ct));
    }

    [Fact]
    public async Task States_of_a_gapped_or_scattered_set_of_bills_are_exactly_those_asked_for()
    {
        var states = Enumerable.Range(1, 600).Select(i => State(i, i % 2 == 0 ? Channel.Sms : Channel.Email, NotificationStatus.Sent)).ToArray();
        await Store.UpsertStatesAsync(states, Ct);

        // Every other bill is dense enough to be read as one range of bill ids; the bills between must not come back.
        var everyOther = Enumerable.Range(0, 200).Select(i => (i * 2) + 1).ToHashSet();
        int[] scattered = [2, 299, 600];

        AssertSameStates(states.Where(s => everyOther.Contains((int)s.UserId)), await Store.GetStatesAsync(everyOther.Select(i => BillOf(i)).ToArray(), Ct));
        AssertSameStates(states.Where(s => scattered.Contains((int)s.UserId)), await Store.GetStatesAsync(scattered.Select(i => BillOf(i)).ToArray(), Ct));
    }

    [Fact]
    public async Task Attempts_are_appended_and_read_back_per_bill_in_order()
    {
        DeliveryAttempt[] attempts =
        [
            new(BillOf(1), Channel.Email, 1, NotificationStatus.RetryWait, "421 busy", null, T0.AddTicks(10)),
            new(BillOf(2), Channel.Email, 1, NotificationStatus.Sent, null, "<n-2@billforu>", T0.AddSeconds(1)),
            new(BillOf(1), Channel.Email, 2, NotificationStatus.Failed, "550 no such user", null, T0.AddMinutes(1)),
        ];
        await Store.AppendAttemptsAsync(attempts[..2], Ct);
        await Store.AppendAttemptsAsync(attempts[2..], Ct);
        var fallback = new DeliveryAttempt(BillOf(1), Channel.Sms, 1, NotificationStatus.Sent, null, "sms-77", T0.AddMinutes(2));
        await Store.AppendAttemptsAsync([fallback], Ct);

        var read = await Store.GetAttemptsAsync(BillOf(1), Ct);

        Assert.Equal([attempts[0], attempts[2], fallback], read);
        Assert.All(read, a => Assert.Equal(DateTimeKind.Utc, a.At.Kind));
        Assert.Equal([attempts[1]], await Store.GetAttemptsAsync(BillOf(2), Ct));
        Assert.Empty(await Store.GetAttemptsAsync(BillOf(3), Ct));
    }

    [Fact]
    public async Task Listing_by_status_pages_by_bill_id_without_splitting_a_bill()
    {
        var states = Mixed(300);
        await Store.UpsertStatesAsync(states, Ct);

        foreach (var status in new[] { NotificationStatus.Failed, NotificationStatus.Sent, NotificationStatus.Cancelled })
        {
            var pages = await ReadAllPagesAsync((after, limit) => Store.ListByStatusAsync(status, after, limit, Ct), limit: 7);
            AssertSameStates(states.Where(s => s.Status == status), pages.SelectMany(p => p), ordered: true);
        }
    }

    [Fact]
    public async Task Unfinished_bills_are_listed_by_pages_and_finished_ones_never()
    {
        var states = Mixed(300);
        await Store.UpsertStatesAsync(states, Ct);

        var pages = await ReadAllPagesAsync((after, limit) => Store.ListUnfinishedAsync(after, limit, Ct), limit: 10);

        AssertSameStates(states.Where(s => Unfinished.Contains(s.Status)), pages.SelectMany(p => p), ordered: true);
        Assert.Empty(await Store.ListUnfinishedAsync(states.Max(s => s.BillId), 10, Ct));
        Assert.Empty(await Store.ListUnfinishedAsync(0, 0, Ct));
    }

    [Fact]
    public async Task A_page_smaller_than_a_bill_returns_the_bill_whole()
    {
        await Store.UpsertStatesAsync(
            [State(1, Channel.Email, NotificationStatus.Failed), State(1, Channel.Sms, NotificationStatus.Failed), State(2, Channel.Push, NotificationStatus.Failed)], Ct);

        var first = await Store.ListByStatusAsync(NotificationStatus.Failed, 0, 1, Ct);
        var second = await Store.ListByStatusAsync(NotificationStatus.Failed, first[^1].BillId, 1, Ct);

        Assert.Equal([(BillOf(1), Channel.Email), (BillOf(1), Channel.Sms)], first.Select(s => (s.BillId, s.Channel)).Order());
        Assert.Equal([(BillOf(2), Channel.Push)], second.Select(s => (s.BillId, s.Channel)));
    }

    [Fact]
    public async Task Counts_by_status_follow_the_current_states()
    {
        Assert.Empty(await Store.CountByStatusAsync(Ct));
        var states = Mixed(200);
        await Store.UpsertStatesAsync(states, Ct);
        // Replacing a state moves it from one count to another.
        var resent = states.Where(s => s.Status == NotificationStatus.RetryWait).Select(s => s with { Status = NotificationStatus.Sent }).ToArray();
        await Store.UpsertStatesAsync(resent, Ct);
        var current = states.Where(s => s.Status != NotificationStatus.RetryWait).Concat(resent);

        var expected = current.GroupBy(s => (s.Channel, s.Status)).Select(g => new StatusCount(g.Key.Channel, g.Key.Status, g.Count()));
        Assert.Equal(expected.OrderBy(c => c.Channel).ThenBy(c => c.Status), (await Store.CountByStatusAsync(Ct)).OrderBy(c => c.Channel).ThenBy(c => c.Status));
    }

    [Fact]
    public async Task Counts_take_the_last_state_of_a_key_in_a_batch_and_a_repeated_state_counts_once()
    {
        await Store.UpsertStatesAsync([State(1, Channel.Email, NotificationStatus.Pending), State(1, Channel.Email, NotificationStatus.Sending), State(1, Channel.Email, NotificationStatus.Sent)], Ct);
        await Store.UpsertStatesAsync([State(1, Channel.Email, NotificationStatus.Sent), State(2, Channel.Sms, NotificationStatus.Pending)], Ct);
        await Store.UpsertStatesAsync([State(2, Channel.Sms, NotificationStatus.Pending)], Ct);

        Assert.Equal(
            [new StatusCount(Channel.Email, NotificationStatus.Sent, 1), new StatusCount(Channel.Sms, NotificationStatus.Pending, 1)],
            (await Store.CountByStatusAsync(Ct)).OrderBy(c => c.Channel));
    }

    [Fact]
    public async Task Attempts_are_counted_per_utc_hour_and_outcome_from_inclusive_to_exclusive()
    {
        var from = T0.AddHours(10);
        var to = T0.AddHours(13);
        DeliveryAttempt At(DateTime at, NotificationStatus status) => new(BillOf(1), Channel.Email, 1, status, null, null, at);
        await Store.AppendAttemptsAsync(
        [
            At(from.AddTicks(-10), NotificationStatus.Sent),
            At(from, NotificationStatus.Sent),
            At(from.AddHours(1).AddTicks(-10), NotificationStatus.Sent),
            At(from.AddMinutes(30), NotificationStatus.RetryWait),
            At(from.AddHours(2).AddMinutes(5), NotificationStatus.DeadLettered),
            At(from.AddHours(2).AddMinutes(6), NotificationStatus.Sent),
            At(to, NotificationStatus.Sent),
        ], Ct);

        var counts = await Store.CountAttemptsPerHourAsync(from, to, Ct);

        Assert.Equal(
            [
                new HourlyCount(from, NotificationStatus.RetryWait, 1),
                new HourlyCount(from, NotificationStatus.Sent, 2),
                new HourlyCount(from.AddHours(2), NotificationStatus.Sent, 1),
                new HourlyCount(from.AddHours(2), NotificationStatus.DeadLettered, 1),
            ],
            counts.OrderBy(c => c.Hour).ThenBy(c => c.Status));
        Assert.All(counts, c => Assert.Equal(DateTimeKind.Utc, c.Hour.Kind));
    }

    private static long BillOf(long userId) => BillId.For(TestData.Month, userId);

    private static DeliveryState State(long userId, Channel channel, NotificationStatus status, int attempts = 0) =>
        new(BillOf(userId), channel, userId, TestData.Month.ToString(), status, attempts, null, null, null, null, T0.AddTicks(userId * 10));

    /// <summary>
    /// States in every status over <paramref name="bills"/> bills; about a third have a second channel, often
    /// in the same status, so pages meet bills of more than one row.
    /// </summary>
    private static List<DeliveryState> Mixed(int bills)
    {
        var statuses = Enum.GetValues<NotificationStatus>();
        var states = new List<DeliveryState>();
        for (var user = 1; user <= bills; user++)
        {
            var status = statuses[user % statuses.Length];
            states.Add(State(user, Channel.Email, status, attempts: user % 4));
            if (user % 3 == 0)
            {
                states.Add(State(user, Channel.Sms, user % 2 == 0 ? status : statuses[(user + 1) % statuses.Length]));
            }
            if (user % 7 == 0)
            {
                states.Add(State(user, Channel.Push, status));
            }
        }
        return states;
    }

    /// <summary>Follows the keyset to the end, checking that no page exceeds the limit or repeats a bill.</summary>
    private static async Task<List<IReadOnlyList<DeliveryState>>> ReadAllPagesAsync(
        Func<long, int, Task<IReadOnlyList<DeliveryState>>> page, int limit)
    {
        var pages = new List<IReadOnlyList<DeliveryState>>();
        long after = 0;
        while (true)
        {
            var next = await page(after, limit);
            if (next.Count == 0)
            {
                return pages;
            }
            Assert.True(next.Count <= limit, $"a page of {next.Count} rows for a limit of {limit}");
            Assert.All(next, s => Assert.True(s.BillId > after));
            pages.Add(next);
            after = next[^1].BillId;
        }
    }

    private static void AssertSameStates(IEnumerable<DeliveryState> expected, IEnumerable<DeliveryState> actual, bool ordered = false)
    {
        var actualRows = actual.ToArray();
        if (ordered)
        {
            // Bill order is the contract; the order of a bill's channels is the engine's.
            Assert.Equal(actualRows.Select(s => s.BillId).Order(), actualRows.Select(s => s.BillId));
        }
        Assert.Equal(
            expected.OrderBy(s => s.BillId).ThenBy(s => s.Channel),
            actualRows.OrderBy(s => s.BillId).ThenBy(s => s.Channel));
    }

    private T Get<T>() where T : notnull => _services!.GetRequiredService<T>();
}
