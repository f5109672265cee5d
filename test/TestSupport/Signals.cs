using System.Diagnostics;
using System.Globalization;

namespace BillForU.TestSupport;

/// <summary>Unix signals .NET has no API for: SIGTERM asks a process to shut down as a service manager would.</summary>
public static class Signals
{
    /// <summary>Sends SIGTERM to one process (by id, never by name).</summary>
    public static async Task TerminateAsync(int processId)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", processId.ToString(CultureInfo.InvariantCulture)])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("Could not run kill(1).");
        await kill.WaitForExitAsync();
    }
}
