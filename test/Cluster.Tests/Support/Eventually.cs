using System.Diagnostics;

namespace BillForU.Cluster.Tests.Support;

/// <summary>Waiting on conditions, never on sleeps: polls until true, fails with a description when the time is up.</summary>
internal static class Eventually
{
    public static async Task<T> ReachAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string what, TimeSpan? every = null)
    {
        var clock = Stopwatch.StartNew();
        var last = default(T);
        Exception? lastError = null;
        while (clock.Elapsed < timeout)
        {
            try
            {
                last = await probe();
                lastError = null;
                if (done(last))
                {
                    return last;
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A cluster in failover answers with errors for a while; only the condition counts.
                lastError = e;
            }
            await Task.Delay(every ?? TimeSpan.FromMilliseconds(250));
        }
        throw new TimeoutException($"Not reached within {timeout.TotalSeconds:N0} s: {what}. Last seen: {last}{(lastError is null ? "" : $"; last error: {lastError.GetType().Name}: {lastError.Message}")}");
    }
}
