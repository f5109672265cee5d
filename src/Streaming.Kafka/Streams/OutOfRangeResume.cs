namespace BillForU.Streaming.Kafka.Streams;

/// <summary>Where to resume after an "offset out of range" error, and how many offsets that skips.</summary>
internal static class OutOfRangeResume
{
    /// <param name="expected">The offset the reader wanted next, or -1 when unknown.</param>
    /// <param name="low">The partition's first retained offset.</param>
    /// <param name="high">The partition's next offset to be written.</param>
    public static (long ResumeAt, long Skipped) Compute(long expected, long low, long high)
    {
        if (expected < 0 || expected < low)
        {
            // Retention removed [expected, low): those offsets are lost.
            return (low, expected < 0 ? 0 : low - expected);
        }

        // The log was truncated below the wanted offset (for example the topic was re-created): nothing
        // newer can exist beyond its end, so resume there.
        return (high, 0);
    }
}
