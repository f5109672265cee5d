namespace BillForU.Hosting.Runtime;

/// <summary>
/// Runs socket completions on the runtime's socket event threads instead of queueing each one to the thread pool:
/// <c>DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1</c>, one of .NET's documented environment variables. A notice is
/// a few round trips on the channels' sockets (SMTP, HTTP), and with the default dispatch every packet that arrives
/// costs a wake-up of the event thread and then of a pool thread; on loopback TCP the wake-ups were the larger part of
/// the kernel's work (README, "What a million notices cost").
/// With inline completions the runtime starts an event thread per core, each running its sockets' continuations
/// (MailKit rendering a message, HttpClient parsing a reply) beside the thread pool's workers, competing with them for
/// the cores. Half the cores is enough for that share of the work (<c>DOTNET_SYSTEM_NET_SOCKETS_THREAD_COUNT</c>); on the
/// 2-core build machine one event thread was ahead of two in both paired runs (README, "Benchmarks").
/// The runtime reads both variables once, when the process's first socket joins its event loop, so a host calls
/// <see cref="PreferUnlessSet"/> before it builds anything. Values the operator set win (completions 0 keeps the
/// thread-pool dispatch).
/// Inline completions are only safe for code that never blocks a thread on I/O after an await, since a blocked
/// event thread holds up every socket it serves: the silo's own code awaits all I/O; its one blocking reader (the
/// Kafka partition reader) has threads of its own.
/// </summary>
public static class InlineSocketCompletions
{
    public const string Variable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";
    public const string ThreadCountVariable = "DOTNET_SYSTEM_NET_SOCKETS_THREAD_COUNT";

    /// <summary>Event threads for inline completions on a machine of <paramref name="cores"/> cores.</summary>
    public static int EventThreadsFor(int cores) => Math.Max(1, cores / 2);

    /// <summary>Turns inline completions on unless the environment already says; returns whether they are on.</summary>
    public static bool PreferUnlessSet()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { } chosen && chosen != "1")
        {
            return false;
        }
        Environment.SetEnvironmentVariable(Variable, "1");
        if (Environment.GetEnvironmentVariable(ThreadCountVariable) is null)
        {
            Environment.SetEnvironmentVariable(ThreadCountVariable,
                EventThreadsFor(Environment.ProcessorCount).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        return true;
    }
}
