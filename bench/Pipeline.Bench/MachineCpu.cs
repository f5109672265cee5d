using System.Globalization;

namespace BillForU.Pipeline.Bench;

/// <summary>
/// CPU time spent by the whole machine (every process: silo, sinks, MariaDB, Redis, the Kafka mock), from
/// <c>/proc/stat</c>: what a notice costs in core time, and whether the run was bound by the CPU (busy time near the
/// cores × the elapsed time) or by waiting. On the shared build machine it swings between identical runs together with
/// the throughput, as the host's load changes how fast a core runs.
/// </summary>
internal static class MachineCpu
{
    // USER_HZ, the unit of /proc/stat, is 100 on every Linux architecture .NET runs on.
    private const double TicksPerSecond = 100;

    /// <returns>Busy CPU time since boot (user, nice, system, irq, softirq, steal), or null where there is no /proc/stat.</returns>
    public static TimeSpan? Busy()
    {
        if (!File.Exists("/proc/stat"))
        {
            return null;
        }
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var busy = new[] { 1, 2, 3, 6, 7, 8 }.Sum(i => long.Parse(fields[i], CultureInfo.InvariantCulture));
        return TimeSpan.FromSeconds(busy / TicksPerSecond);
    }
}
