using BillForU.Storage.Outages;

namespace BillForU.Grains.Tests.Outages;

public sealed class StorageBackoffTests
{
    private static readonly TimeSpan Initial = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan Max = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData(1, 200)]
    [InlineData(2, 400)]
    [InlineData(3, 800)]
    [InlineData(6, 6_400)]
    [InlineData(7, 10_000)]
    [InlineData(1_000, 10_000)]
    public void The_wait_doubles_up_to_the_cap_and_jitters_within_its_upper_half(int failures, double cappedMs)
    {
        Assert.Equal(cappedMs / 2, StorageBackoff.Delay(failures, Initial, Max, 0).TotalMilliseconds, 3);
        Assert.Equal(cappedMs * 0.75, StorageBackoff.Delay(failures, Initial, Max, 0.5).TotalMilliseconds, 3);
        Assert.Equal(cappedMs, StorageBackoff.Delay(failures, Initial, Max, 1).TotalMilliseconds, 3);
    }

    [Fact]
    public void Counting_starts_at_the_first_failure() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => StorageBackoff.Delay(0, Initial, Max, 0));
}
