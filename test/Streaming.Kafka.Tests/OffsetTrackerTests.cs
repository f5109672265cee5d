using BillForU.Streaming.Kafka.Streams;

namespace BillForU.Streaming.Kafka.Tests;

public sealed class OffsetTrackerTests
{
    [Fact]
    public void Commit_position_stops_below_the_first_offset_not_done()
    {
        var tracker = new OffsetTracker();
        foreach (var offset in new long[] { 10, 11, 12, 13 })
        {
            tracker.Taken(offset);
        }

        tracker.Done(10);
        tracker.Done(12);
        tracker.Done(13);

        Assert.Equal(11, tracker.CommitPosition());
        tracker.Done(11);
        Assert.Equal(14, tracker.CommitPosition());
        Assert.Equal(0, tracker.InFlight);
    }

    [Fact]
    public void Nothing_to_commit_until_the_first_offset_is_done()
    {
        var tracker = new OffsetTracker();
        tracker.Taken(5);
        tracker.Taken(6);
        tracker.Done(6);

        Assert.Null(tracker.CommitPosition());
    }

    [Fact]
    public void Gaps_in_offsets_do_not_block_commits()
    {
        // Offsets of one partition need not be contiguous (transaction markers, compaction).
        var tracker = new OffsetTracker();
        tracker.Taken(3);
        tracker.Taken(7);
        tracker.Done(3);
        tracker.Done(7);

        Assert.Equal(8, tracker.CommitPosition());
    }
}
