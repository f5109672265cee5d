using System.Data.Common;
using BillForU.Domain.Charges;

namespace BillForU.Storage.Relational;

/// <summary>
/// Turns the five result sets of a chunk read — users (id); plans; add-ons; installments; micro-payments,
/// each ordered by (user_id, id) — into one <see cref="UserCharges"/> per user, walking them in step
/// instead of looking users up, since every set arrives in user order.
/// </summary>
internal static class ChargesChunkReader
{
    public static async Task<IReadOnlyList<UserCharges>> ReadAsync(DbDataReader reader, CancellationToken cancellationToken)
    {
        var userIds = new List<long>();
        while (await reader.ReadAsync(cancellationToken))
        {
            userIds.Add(reader.GetInt64(0));
        }
        var count = userIds.Count;
        var plans = new List<PlanSubscription>?[count];
        var addons = new List<AddonSubscription>?[count];
        var installments = new List<DeviceInstallment>?[count];
        var payments = new List<MicroPayment>?[count];

        await NextResultAsync(reader, "plans", cancellationToken);
        await ReadIntoAsync(reader, userIds, plans, static r => new PlanSubscription(
            r.GetInt64(1),
            r.GetInt32(2),
            r.GetFieldValue<DateOnly>(3),
            r.IsDBNull(4) ? null : r.GetFieldValue<DateOnly>(4),
            SqlNames.SubscriptionStatusOf(r.GetString(5)),
            r.GetBoolean(6)), cancellationToken);

        await NextResultAsync(reader, "add-ons", cancellationToken);
        await ReadIntoAsync(reader, userIds, addons, static r => new AddonSubscription(
            r.GetInt64(1),
            r.GetInt32(2),
            r.GetFieldValue<DateOnly>(3),
            r.IsDBNull(4) ? null : r.GetFieldValue<DateOnly>(4),
            SqlNames.SubscriptionStatusOf(r.GetString(5))), cancellationToken);

        await NextResultAsync(reader, "installments", cancellationToken);
        await ReadIntoAsync(reader, userIds, installments, static r => new DeviceInstallment(
            r.GetInt64(1),
            r.GetString(2),
            r.GetInt64(3),
            SqlValues.MonthFromKey(r.GetInt32(4)),
            r.GetInt32(5)), cancellationToken);

        await NextResultAsync(reader, "micro-payments", cancellationToken);
        await ReadIntoAsync(reader, userIds, payments, static r => new MicroPayment(
            r.GetInt64(1),
            r.GetInt64(2),
            r.GetString(3),
            SqlNames.MicroPaymentTypeOf(r.GetString(4)),
            DateTime.SpecifyKind(r.GetDateTime(5), DateTimeKind.Utc)), cancellationToken);

        var users = new UserCharges[count];
        for (var i = 0; i < count; i++)
        {
            users[i] = new UserCharges(
                userIds[i],
                (IReadOnlyList<PlanSubscription>?)plans[i] ?? [],
                (IReadOnlyList<AddonSubscription>?)addons[i] ?? [],
                (IReadOnlyList<DeviceInstallment>?)installments[i] ?? [],
                (IReadOnlyList<MicroPayment>?)payments[i] ?? []);
        }
        return users;
    }

    private static async Task NextResultAsync(DbDataReader reader, string what, CancellationToken cancellationToken)
    {
        if (!await reader.NextResultAsync(cancellationToken))
        {
            throw new InvalidOperationException($"The chunk read returned no result set for {what}.");
        }
    }

    private static async Task ReadIntoAsync<T>(
        DbDataReader reader, List<long> userIds, List<T>?[] target, Func<DbDataReader, T> map, CancellationToken cancellationToken)
    {
        var index = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            var userId = reader.GetInt64(0);
            while (index < userIds.Count && userIds[index] < userId)
            {
                index++;
            }
            // A child row whose user is not in the chunk (an orphan) has nobody to bill; skip it.
            if (index == userIds.Count || userIds[index] != userId)
            {
                continue;
            }
            (target[index] ??= new List<T>(2)).Add(map(reader));
        }
    }
}
