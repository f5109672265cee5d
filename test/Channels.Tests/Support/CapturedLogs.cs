using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace BillForU.Channels.Tests.Support;

/// <summary>Keeps every log entry at every level: the formatted line and each structured value, as a sink would see them.</summary>
internal sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<Entry> _entries = new();

    public sealed record Entry(string Category, LogLevel Level, int EventId, string Message, IReadOnlyList<string> Values);

    public IReadOnlyCollection<Entry> Entries => _entries.ToArray();

    /// <summary>The formatted line, every structured value and the exception text of every entry.</summary>
    public IEnumerable<string> AllText => Entries.SelectMany(e => e.Values.Prepend(e.Message));

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<Entry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? pairs.Select(p => Convert.ToString(p.Value, System.Globalization.CultureInfo.InvariantCulture) ?? "").ToList()
                : [];
            if (exception is not null)
            {
                values.Add(exception.ToString());
            }
            entries.Enqueue(new Entry(category, logLevel, eventId.Id, formatter(state, exception), values));
        }
    }
}
