using BillForU.Cluster.Harness;
using BillForU.Domain.Billing;

namespace BillForU.Cluster.Tests.Support;

/// <summary>The checks several drills share.</summary>
internal static class Drills
{
    /// <summary>Waits until every bill of the month has a SENT or DEAD_LETTERED delivery row; fails naming the bills that never got there.</summary>
    /// <param name="stall">How long the count may stand still before the drill gives up (the bound is also <paramref name="timeout"/>).</param>
    public static async Task<long> WaitForEveryBillDoneAsync(LocalCluster cluster, BillingMonth month, long bills, TimeSpan timeout, TimeSpan? stall = null)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var stallLimit = stall ?? TimeSpan.FromSeconds(120);
        long last = -1;
        var lastMoved = clock.Elapsed;
        while (true)
        {
            var done = await cluster.Sql.BillsDoneAsync(month);
            if (done >= bills)
            {
                return done;
            }
            if (done != last)
            {
                (last, lastMoved) = (done, clock.Elapsed);
            }
            if (clock.Elapsed > timeout || clock.Elapsed - lastMoved > stallLimit)
            {
                var missing = await cluster.Sql.BillsNotDoneAsync(month, 20);
                var rows = await cluster.Sql.DescribeDeliveriesAsync(missing);
                var byStatus = await cluster.Sql.DeliveriesByStatusAsync(month);
                throw new TimeoutException(
                    $"{done:N0} of {bills:N0} bills sent or dead-lettered after {clock.Elapsed.TotalSeconds:N0} s (no progress for {(clock.Elapsed - lastMoved).TotalSeconds:N0} s). "
                    + $"Deliveries by status: {string.Join(", ", byStatus.Select(p => $"{p.Key} {p.Value:N0}"))}. "
                    + $"Some unfinished bills: {string.Join(", ", missing)}; their rows:\n{string.Join('\n', rows)}");
            }
            await Task.Delay(500);
        }
    }

    /// <summary>
    /// The month's notices reached the providers exactly as the delivery log says: every bill done, no bill sent on two
    /// channels, every SENT row's notice captured, nothing captured that is not SENT, and no bill given two different
    /// messages. Resends of the same message are reported, not failed.
    /// </summary>
    public static async Task<DeliveryAudit> AssertDeliveredExactlyAsync(LocalCluster cluster, BillingMonth month, long bills, ITestOutputHelper output)
    {
        var audit = DeliveryAudit.Of(month, cluster.Smtp.Received, cluster.Sms.Requests, cluster.Push.Requests);
        var byStatus = await cluster.Sql.DeliveriesByStatusAsync(month);
        output.WriteLine($"deliveries by status: {string.Join(", ", byStatus.Select(p => $"{p.Key} {p.Value:N0}"))}");
        output.WriteLine(audit.Describe());
        foreach (var silo in cluster.Silos)
        {
            output.WriteLine($"{silo.Name} ({(silo.IsAlive ? "alive" : "killed")}): {silo.Counters}");
        }

        Assert.Empty(await cluster.Sql.BillsNotDoneAsync(month, 20));
        Assert.Equal(0, await cluster.Sql.BillsSentTwiceAsync(month));
        Assert.True(audit.Conflicts.Count == 0, $"bills with two different messages:\n{string.Join('\n', audit.Conflicts.Take(20))}");
        var sent = await cluster.Sql.SentNotificationIdsAsync(month);
        var captured = audit.EmailNotificationIds.Concat(audit.HttpNotificationIds).ToHashSet();
        var sentNotCaptured = sent.Except(captured).Take(20).ToList();
        var capturedNotSent = captured.Except(sent).Take(20).ToList();
        Assert.True(sentNotCaptured.Count == 0, $"SENT in the delivery log but never received by a provider: {string.Join(", ", sentNotCaptured)}");
        Assert.True(capturedNotSent.Count == 0, $"received by a provider but not SENT in the delivery log: {string.Join(", ", capturedNotSent)}");
        Assert.Equal(bills, byStatus.GetValueOrDefault("SENT") + byStatus.GetValueOrDefault("DEAD_LETTERED") - await cluster.Sql.BillsSentTwiceAsync(month));
        return audit;
    }
}
