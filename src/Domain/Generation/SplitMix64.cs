namespace BillForU.Domain.Generation;

/// <summary>
/// A tiny, fast, seedable generator. Each user gets its own stream from (seed, user id), so any
/// block of users can be generated alone, in any order or in parallel, and still come out the same.
/// </summary>
public struct SplitMix64(ulong seed)
{
    private ulong _state = seed;

    public static SplitMix64 ForUser(long seed, long userId) =>
        new(unchecked((ulong)seed * 0x9E3779B97F4A7C15UL ^ (ulong)userId * 0xBF58476D1CE4E5B9UL));

    public ulong NextUInt64()
    {
        var z = unchecked(_state += 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }

    /// <summary>A value in [0, <paramref name="maxExclusive"/>).</summary>
    public int Next(int maxExclusive) => (int)(NextUInt64() % (ulong)maxExclusive);

    /// <summary>A value in [<paramref name="min"/>, <paramref name="maxExclusive"/>).</summary>
    public int Next(int min, int maxExclusive) => min + Next(maxExclusive - min);

    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public bool Chance(double probability) => NextDouble() < probability;
}
