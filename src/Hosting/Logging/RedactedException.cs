using BillForU.Domain.Security;

namespace BillForU.Hosting.Logging;

/// <summary>An exception as a log sink may see it: its type, redacted message and stack, nothing that quotes a contact.</summary>
public sealed class RedactedException(Exception original)
    : Exception($"{original.GetType().FullName}: {ContactRedaction.Redact(original.Message)}",
        original.InnerException is null ? null : new RedactedException(original.InnerException))
{
    public override string? StackTrace => original.StackTrace;

    public override string ToString() => ContactRedaction.Redact(original.ToString());
}
