using System.Globalization;
using System.Text.RegularExpressions;

namespace BillForU.Cluster.Harness;

/// <summary>A serving silo's counter line (<c>serve --report-every</c>): what its partitions settled and its notification grains did.</summary>
public sealed partial record SiloCounters(long BillsSettled, long Chunks, long NoticesTaken, long Sent, long Failed, long DeadLettered, long Duplicates)
{
    public static readonly SiloCounters None = new(0, 0, 0, 0, 0, 0, 0);

    public static SiloCounters? TryParse(string line)
    {
        var match = Pattern().Match(line);
        if (!match.Success)
        {
            return null;
        }
        long Group(int i) => long.Parse(match.Groups[i].Value.Replace(",", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture);
        return new SiloCounters(Group(1), Group(2), Group(3), Group(4), Group(5), Group(6), Group(7));
    }

    [GeneratedRegex(@"counters: ([\d,]+) bills settled \(([\d,]+) chunks\); notices ([\d,]+) taken, ([\d,]+) sent, ([\d,]+) failed, ([\d,]+) dead-lettered, ([\d,]+) duplicates ignored")]
    private static partial Regex Pattern();
}
