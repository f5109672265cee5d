namespace BillForU.Silo.Jobs;

/// <summary>
/// A one-line progress bar redrawn in place on a terminal; on redirected output (CI, logs) it prints
/// a plain line every few seconds instead, so logs stay readable.
/// </summary>
public sealed class ConsoleProgress(TextWriter output, bool interactive)
{
    private const int Width = 30;
    private static readonly TimeSpan LogInterval = TimeSpan.FromSeconds(3);
    private DateTime _lastLogged = DateTime.MinValue;

    public static ConsoleProgress ForConsole(TextWriter output) =>
        new(output, ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected);

    public void Report(string label, double fraction, string detail)
    {
        fraction = Math.Clamp(fraction, 0, 1);
        if (interactive)
        {
            var filled = (int)(fraction * Width);
            output.Write($"\r{label} [{new string('#', filled)}{new string('-', Width - filled)}] {fraction,4:P0} {detail}   ");
        }
        else if (DateTime.UtcNow - _lastLogged >= LogInterval)
        {
            _lastLogged = DateTime.UtcNow;
            output.WriteLine($"{label} {fraction:P0} {detail}");
        }
    }

    public void Complete(string label, string detail)
    {
        if (interactive)
        {
            output.Write('\r');
        }
        output.WriteLine($"{label} [{new string('#', Width)}] 100% {detail}   ");
    }
}
