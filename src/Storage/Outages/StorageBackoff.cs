namespace BillForU.Storage.Outages;

/// <summary>
/// Capped exponential backoff with jitter: the n-th consecutive failure waits between half and all of
/// min(initial × 2ⁿ⁻¹, max), so many waiting loops do not all knock on a returning store at the same instant.
/// </summary>
public static class StorageBackoff
{
    /// <param name="failures">Consecutive failures so far, from 1.</param>
    /// <param name="jitter">A number in [0, 1): where in the upper half of the capped delay this wait falls.</param>
    public static TimeSpan Delay(int failures, TimeSpan initial, TimeSpan max, double jitter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failures, 1);
        // Past 2^30 the cap has long been reached; the exponent is clamped so the double never overflows.
        var capped = Math.Min(initial.TotalMilliseconds * Math.Pow(2, Math.Min(failures - 1, 30)), max.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped / 2 + capped / 2 * Math.Clamp(jitter, 0, 1));
    }
}
