using Microsoft.Extensions.Logging;

namespace BillForU.Hosting.Logging;

/// <summary>
/// Wraps a logging provider so that every message and every string value of its state pass through
/// <see cref="Domain.Security.ContactRedaction"/> before they reach the sink: no plaintext contact in
/// any log line, whoever wrote the call.
/// </summary>
public sealed class RedactingLoggerProvider(ILoggerProvider inner) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new RedactingLogger(inner.CreateLogger(categoryName));

    public void Dispose() => inner.Dispose();
}
