using System.Text.RegularExpressions;

namespace BillForU.Domain.Security;

/// <summary>
/// Finds email addresses and Korean mobile numbers anywhere in a text and masks them, so a log line that
/// quotes one by accident (an SMTP reply, an exception message) still never carries a plaintext contact.
/// </summary>
public static partial class ContactRedaction
{
    public static string Redact(string text)
    {
        if (string.IsNullOrEmpty(text) || !MayContainContact(text))
        {
            return text;
        }
        var masked = Email().Replace(text, m => ContactMasking.MaskEmail(m.Value));
        return Phone().Replace(masked, m => ContactMasking.MaskPhone(m.Value));
    }

    // Most log lines carry neither an @ nor a long digit run: skip the regexes for them.
    private static bool MayContainContact(string text) => text.Contains('@') || text.AsSpan().IndexOfAnyInRange('0', '9') >= 0;

    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")]
    private static partial Regex Email();

    [GeneratedRegex(@"(?<![\d*])(?:\+82[\s\-]?|0)1[016789][\s\-]?\d{3,4}[\s\-]?\d{4}(?!\d)")]
    private static partial Regex Phone();
}
