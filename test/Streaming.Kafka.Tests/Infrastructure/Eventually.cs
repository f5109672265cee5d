namespace BillForU.Streaming.Kafka.Tests.Infrastructure;

/// <summary>Waits for a condition that asynchronous delivery makes true, failing with a description when it does not in time.</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, TimeSpan timeout, Func<string> describe)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Not true within {timeout}: {describe()}");
            }

            await Task.Delay(100);
        }
    }
}
