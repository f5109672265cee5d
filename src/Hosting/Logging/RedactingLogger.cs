using BillForU.Domain.Security;
using Microsoft.Extensions.Logging;

namespace BillForU.Hosting.Logging;

internal sealed class RedactingLogger(ILogger inner) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => inner.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!inner.IsEnabled(logLevel))
        {
            return;
        }
        var message = ContactRedaction.Redact(formatter(state, exception));
        var values = state is IReadOnlyList<KeyValuePair<string, object?>> pairs
            ? pairs.Select(p => new KeyValuePair<string, object?>(p.Key, p.Value is string s ? ContactRedaction.Redact(s) : p.Value)).ToArray()
            : [];
        // The exception's own text can quote a recipient (SMTP replies do): it travels as a redacted message only.
        var redactedException = exception is null ? null : new RedactedException(exception);
        inner.Log(logLevel, eventId, new RedactedState(message, values), redactedException, static (s, _) => s.Message);
    }

    private sealed record RedactedState(string Message, IReadOnlyList<KeyValuePair<string, object?>> Values)
        : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public int Count => Values.Count;

        public KeyValuePair<string, object?> this[int index] => Values[index];

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => Values.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => Message;
    }
}
