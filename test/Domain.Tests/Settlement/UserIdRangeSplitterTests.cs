using BillForU.Domain.Billing;
using BillForU.Domain.Settlement;

namespace BillForU.Domain.Tests.Settlement;

public class UserIdRangeSplitterTests
{
    private static readonly BillingMonth Month = new(2026, 10);

    [Fact]
    public void Partitions_cover_the_id_space_contiguously_without_overlap()
    {
        var partitions = UserIdRangeSplitter.Split(Month, 1, 1_000_003, 8);

        Assert.Equal(8, partitions.Count);
        Assert.Equal(0, partitions[0].AfterUserId);
        Assert.Equal(1_000_003, partitions[^1].LastUserId);
        for (var i = 1; i < partitions.Count; i++)
        {
            Assert.Equal(partitions[i - 1].LastUserId, partitions[i].AfterUserId);
        }
        Assert.All(partitions, p => Assert.InRange(p.LastUserId - p.AfterUserId, 125_000, 125_001));
        Assert.All(partitions, p => Assert.Equal((p.AfterUserId, 0L, false), (p.CommittedUserId, p.BillsWritten, p.Completed)));
    }

    [Fact]
    public void Fewer_users_than_partitions_gives_one_partition_per_user() =>
        Assert.Equal(3, UserIdRangeSplitter.Split(Month, 10, 12, 8).Count);

    [Fact]
    public void No_users_gives_no_partitions() =>
        Assert.Empty(UserIdRangeSplitter.Split(Month, 1, 0, 8));
}
