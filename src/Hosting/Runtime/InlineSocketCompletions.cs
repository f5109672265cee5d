namespace BillForU.Hosting.Runtime;

/// <summary>
/// Runs socket completions on the runtime's socket event threads (one per core) instead of queueing each one to the
/// thread pool: <c>DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1</c>, one of .NET's documented environment variables.
/// A notice is a few round trips on the channels' sockets (SMTP, HTTP), and with the default dispatch every packet
/// that arrives costs a wake-up of the event thread and then of a pool thread; on loopback TCP the wake-ups were the
/// larger part of the kernel's work (README, "What a million notices cost").
/// The runtime reads the variable once, when the process's first socket joins its event loop, so a host calls
/// <see cref="PreferUnlessSet"/> before it builds anything. A value the operator set wins (0 keeps the thread-pool
/// dispatch).
/// Inline completions are only safe for code that never blocks a thread on I/O after an await, since a blocked
/// event thread holds up every socket it serves: the silo's own code awaits all I/O; its one blocking reader (the
/// Kafka partition reader) has threads of its own.
/// </summary>
public static class InlineSocketCompletions
{
    public const string Variable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <summary>Turns inline completions on unless the environment already says; returns whether they are on.</summary>
    public static bool PreferUnlessSet()
    {
        if (Environment.GetEnvironmentVariable(Variable) is null)
        {
            Environment.SetEnvironmentVariable(Variable, "1");
        }
        return Environment.GetEnvironmentVariable(Variable) == "1";
    }
}
