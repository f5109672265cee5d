using System.Globalization;
using BillForU.Domain.Customers;
using BillForU.Domain.Notifications;

namespace BillForU.Storage.Notifications.Relational;

/// <summary>
/// What a batch of the delivery log changes in the maintained counters: notices per (status, channel) move with
/// each row's status, attempts per (UTC hour, status) only grow. Both dialects apply these deltas in the batch's
/// own transaction, so the counters always agree with the rows.
/// </summary>
internal static class DeliveryCounters
{
    /// <summary>The hour bucket as both dialects store it: 'yyyy-MM-dd HH' of the UTC instant.</summary>
    public static string HourOf(DateTime instant) =>
        (instant.Kind == DateTimeKind.Local ? instant.ToUniversalTime() : instant).ToString("yyyy-MM-dd HH", CultureInfo.InvariantCulture);

    /// <param name="stored">The status on record before the batch for each key that has a row.</param>
    /// <param name="states">The batch, applied in order (a later state of a key replaces an earlier one).</param>
    public static IReadOnlyList<StatusCount> StatusDeltas(
        IReadOnlyDictionary<(long BillId, Channel Channel), NotificationStatus> stored, IEnumerable<DeliveryState> states)
    {
        var current = new Dictionary<(long, Channel), NotificationStatus>(stored);
        var deltas = new Dictionary<(NotificationStatus, Channel), long>();
        foreach (var state in states)
        {
            var key = (state.BillId, state.Channel);
            if (current.TryGetValue(key, out var before))
            {
                if (before == state.Status)
                {
                    continue;
                }
                deltas[(before, state.Channel)] = deltas.GetValueOrDefault((before, state.Channel)) - 1;
            }
            deltas[(state.Status, state.Channel)] = deltas.GetValueOrDefault((state.Status, state.Channel)) + 1;
            current[key] = state.Status;
        }
        return deltas.Where(d => d.Value != 0).Select(d => new StatusCount(d.Key.Item2, d.Key.Item1, d.Value)).ToArray();
    }

    /// <returns>(hour bucket, status, attempts) for every bucket the batch adds to.</returns>
    public static IReadOnlyList<(string Hour, NotificationStatus Status, long Attempts)> HourlyDeltas(IEnumerable<DeliveryAttempt> attempts) =>
        attempts.GroupBy(a => (Hour: HourOf(a.At), a.Status))
            .Select(g => (g.Key.Hour, g.Key.Status, (long)g.Count()))
            .ToArray();

    /// <summary>
    /// Reads (status, channel, notices): the counters as <see cref="StatusCount"/>s, leaving out zeros.
    /// </summary>
    public const string CountsSql = "SELECT status, channel, notices FROM notification_status_counts WHERE notices <> 0";

    /// <summary>@from, @to: hour buckets ('yyyy-MM-dd HH') from the first up to, not including, the second.</summary>
    public const string HourlySql =
        "SELECT hour, status, attempts FROM notification_attempts_hourly WHERE hour >= @from AND hour < @to ORDER BY hour, status";

    /// <summary>The buckets from the hour holding <paramref name="fromUtc"/> up to the last hour starting before <paramref name="toUtc"/>.</summary>
    public static (string From, string To) HourRange(DateTime fromUtc, DateTime toUtc)
    {
        var to = toUtc.Ticks % TimeSpan.TicksPerHour == 0 ? toUtc : toUtc.AddHours(1);
        return (HourOf(fromUtc), HourOf(to));
    }
}
