using BillForU.Streaming.Kafka.Streams;

namespace BillForU.Streaming.Kafka.Tests;

public sealed class OutOfRangeResumeTests
{
    [Fact]
    public void Offsets_removed_by_retention_are_counted_as_skipped() =>
        Assert.Equal((500L, 400L), OutOfRangeResume.Compute(expected: 100, low: 500, high: 900));

    [Fact]
    public void A_log_truncated_below_the_position_resumes_at_its_end() =>
        Assert.Equal((40L, 0L), OutOfRangeResume.Compute(expected: 100, low: 0, high: 40));

    [Fact]
    public void An_unknown_position_resumes_at_the_first_retained_offset() =>
        Assert.Equal((500L, 0L), OutOfRangeResume.Compute(expected: -1, low: 500, high: 900));
}
