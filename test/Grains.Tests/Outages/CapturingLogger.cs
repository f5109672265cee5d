using Microsoft.Extensions.Logging;

namespace BillForU.Grains.Tests.Outages;

/// <summary>Keeps every line logged through it (level, message, whether an exception came with it).</summary>
public sealed class CapturingLogger<T> : ILogger<T>
{
    private readonly Lock _lock = new();
    private readonly List<(LogLevel Level, string Message, bool HasException)> _lines = [];

    public IReadOnlyList<(LogLevel Level, string Message, bool HasException)> Lines
    {
        get
        {
            lock (_lock)
            {
                return [.. _lines];
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_lock)
        {
            _lines.Add((logLevel, formatter(state, exception), exception is not null));
        }
    }
}
