using System.Globalization;
using BillForU.TestSupport;

namespace BillForU.Cluster.Harness;

/// <summary>
/// One <c>BillForU.Silo.dll serve</c> process of a <see cref="LocalCluster"/>, on its own silo and gateway ports,
/// printing its counters every second.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private SiloProcess(string name, int siloPort, int gatewayPort, ManagedProcess process)
    {
        Name = name;
        SiloPort = siloPort;
        GatewayPort = gatewayPort;
        Process = process;
    }

    public string Name { get; }

    public int SiloPort { get; }

    public int GatewayPort { get; }

    public ManagedProcess Process { get; }

    /// <summary>The Orleans silo address it printed when it started serving.</summary>
    public string? Address { get; private set; }

    /// <summary>False once killed or stopped.</summary>
    public bool IsAlive => !Process.HasExited;

    /// <summary>Its latest counter line (zeros before the first).</summary>
    public SiloCounters Counters =>
        Process.Lines.Reverse().Select(SiloCounters.TryParse).FirstOrDefault(c => c is not null) ?? SiloCounters.None;

    internal static SiloProcess Start(string name, IReadOnlyDictionary<string, string?> environment, string workingDirectory)
    {
        var siloPort = FreePorts.Next();
        var gatewayPort = FreePorts.Next();
        var process = ManagedProcess.Start(
            name,
            ProductBinaries.DotnetHost,
            [ProductBinaries.SiloDll, "serve", "--silo-port", Text(siloPort), "--gateway-port", Text(gatewayPort), "--report-every", "1"],
            environment,
            workingDirectory);
        return new SiloProcess(name, siloPort, gatewayPort, process);
    }

    public async Task WaitUntilServingAsync()
    {
        var line = await Process.WaitForLineAsync(l => l.Contains("serving in cluster mode", StringComparison.Ordinal), StartTimeout, "serving in cluster mode");
        var start = line.IndexOf("Silo ", StringComparison.Ordinal) + "Silo ".Length;
        Address = line[start..line.IndexOf(" serving", StringComparison.Ordinal)];
    }

    /// <summary>Waits until its counters satisfy <paramref name="condition"/>.</summary>
    public async Task<SiloCounters> WaitForCountersAsync(Func<SiloCounters, bool> condition, TimeSpan timeout, string description)
    {
        var line = await Process.WaitForLineAsync(l => SiloCounters.TryParse(l) is { } c && condition(c), timeout, description);
        return SiloCounters.TryParse(line)!;
    }

    /// <summary>A crash: SIGKILL to the process tree.</summary>
    public Task KillAsync() => Process.KillAsync();

    /// <summary>A graceful stop (SIGTERM), as a service manager would; it prints its final counters.</summary>
    public Task StopAsync() => Process.StopAsync(TimeSpan.FromSeconds(30));

    public ValueTask DisposeAsync() => Process.DisposeAsync();

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
