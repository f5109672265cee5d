using System.Diagnostics;
using System.Globalization;

namespace BillForU.TestSupport;

/// <summary>
/// A child process a test owns: its standard output and error are kept line by line (with the seconds since start),
/// a test can wait for a line, and it is stopped gracefully (SIGTERM), killed with its whole process tree (a crash
/// drill), or killed on disposal — always by its own id. Its peak resident memory (VmHWM) is sampled while it runs.
/// </summary>
public sealed class ManagedProcess : IAsyncDisposable
{
    private static readonly TimeSpan SamplePeriod = TimeSpan.FromMilliseconds(250);

    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly CancellationTokenSource _stopSampling = new();
    private readonly Task _sampling;
    private long _peakMemory;

    private ManagedProcess(string name, Process process)
    {
        Name = name;
        _process = process;
        Id = process.Id;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _sampling = SampleMemoryAsync(_stopSampling.Token);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => KillTree();
    }

    public string Name { get; }

    public int Id { get; }

    public bool HasExited => _process.HasExited;

    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    /// <summary>Highest resident set size seen (bytes), as the kernel reports it (VmHWM).</summary>
    public long PeakMemoryBytes
    {
        get
        {
            SampleMemory();
            return Interlocked.Read(ref _peakMemory);
        }
    }

    /// <summary>Every line written so far, each prefixed with the seconds since start.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return _lines.ToArray();
            }
        }
    }

    public static ManagedProcess Start(
        string name, string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?> environment, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {name} ({fileName}).");
        return new ManagedProcess(name, process);
    }

    /// <summary>Waits until a line satisfies <paramref name="match"/> (earlier lines count) and returns it.</summary>
    /// <exception cref="TimeoutException">No such line in time, or the process exited first; the message carries the output's tail.</exception>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout, string description)
    {
        var deadline = Stopwatch.StartNew();
        var seen = 0;
        while (true)
        {
            var lines = Lines;
            for (; seen < lines.Count; seen++)
            {
                if (match(lines[seen]))
                {
                    return lines[seen];
                }
            }
            if (HasExited)
            {
                // Let the readers drain what the process wrote before it exited.
                await _process.WaitForExitAsync();
                if (Lines.Count > seen)
                {
                    continue;
                }
                throw new TimeoutException($"{Name} exited with code {_process.ExitCode} before {description}. Its output:\n{Tail(60)}");
            }
            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"{Name} did not report {description} within {timeout.TotalSeconds:N0} s. Its output:\n{Tail(60)}");
            }
            await Task.Delay(50);
        }
    }

    /// <summary>The last lines of output, one per line.</summary>
    public string Tail(int count)
    {
        var lines = Lines;
        return string.Join('\n', lines.Skip(Math.Max(0, lines.Count - count)));
    }

    /// <summary>Crash: SIGKILL to the process and its children, then waits until it is gone.</summary>
    public async Task KillAsync()
    {
        SampleMemory();
        KillTree();
        await _process.WaitForExitAsync();
        Append($"[test] {Name} killed");
    }

    /// <summary>Graceful stop: SIGTERM, then a kill if it has not exited within <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (HasExited)
        {
            return;
        }
        SampleMemory();
        await Signals.TerminateAsync(Id);
        using var timeout = new CancellationTokenSource(grace);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Append($"[test] {Name} did not stop within {grace.TotalSeconds:N0} s of SIGTERM; killing it");
            await KillAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        KillTree();
        await _process.WaitForExitAsync();
        await _stopSampling.CancelAsync();
        try
        {
            await _sampling;
        }
        catch (OperationCanceledException)
        {
            // Sampling stops with the process.
        }
        _stopSampling.Dispose();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        var stamped = $"[{_clock.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture),6}] {line}";
        lock (_lines)
        {
            _lines.Add(stamped);
        }
    }

    private void KillTree()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private async Task SampleMemoryAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested && !HasExited)
        {
            SampleMemory();
            await Task.Delay(SamplePeriod, cancellationToken);
        }
    }

    private void SampleMemory()
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{Id}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    var kilobytes = long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                    var bytes = kilobytes * 1024;
                    long seen;
                    while (bytes > (seen = Interlocked.Read(ref _peakMemory)) && Interlocked.CompareExchange(ref _peakMemory, bytes, seen) != seen)
                    {
                    }
                    return;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            // The process is gone (or not on Linux): keep the last sample.
        }
    }
}
