using System.Diagnostics;
using System.Globalization;

namespace BillForU.TestSupport;

/// <summary>
/// Unix signals .NET has no API for: SIGTERM asks a process to shut down as a service manager would; SIGSTOP and
/// SIGCONT hang a server and let it go again.
/// </summary>
public static class Signals
{
    /// <summary>Sends SIGTERM to one process (by id, never by name).</summary>
    public static Task TerminateAsync(int processId) => SendAsync("-TERM", processId);

    /// <summary>SIGSTOP: the process keeps its sockets open and answers nothing, as a hung server does.</summary>
    public static Task FreezeAsync(int processId) => SendAsync("-STOP", processId);

    /// <summary>SIGCONT: a frozen process carries on.</summary>
    public static Task ThawAsync(int processId) => SendAsync("-CONT", processId);

    private static async Task SendAsync(string signal, int processId)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", [signal, processId.ToString(CultureInfo.InvariantCulture)])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("Could not run kill(1).");
        await kill.WaitForExitAsync();
    }
}
