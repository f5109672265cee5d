using System.Text;

namespace BillForU.Channels.Email;

/// <summary>
/// A header's raw value (as MimeKit's <c>Header.SetRawValue</c> takes it: leading space, folded lines, CRLF) for a text
/// that changes with every notice. MimeKit's own encoding of an unstructured header (RFC 2047, word by word, then
/// folded) cost as much as building both bodies of the notice; a subject that is not plain ASCII is sent here as UTF-8
/// base64 encoded-words instead, each on its own folded line, which every reader joins back without a space.
/// </summary>
internal static class EncodedHeaderValue
{
    // 42 octets are 56 base64 characters: with "=?utf-8?b?" and "?=" a line of "Subject: " and one word stays under 78.
    private const int OctetsPerWord = 42;

    // Plain text this long still fits one line of 78 after "Subject: ".
    private const int PlainLength = 68;
    private const string Prefix = "=?utf-8?b?";
    private const string Suffix = "?=";

    public static byte[] Unstructured(string text)
    {
        if (IsPlain(text))
        {
            return Encoding.ASCII.GetBytes($" {text}\r\n");
        }
        var octets = Encoding.UTF8.GetBytes(text);
        var value = new StringBuilder(octets.Length * 2);
        for (var start = 0; start < octets.Length;)
        {
            var length = WordLength(octets, start);
            value.Append(start == 0 ? " " : "\r\n ").Append(Prefix).Append(Convert.ToBase64String(octets, start, length)).Append(Suffix);
            start += length;
        }
        return Encoding.ASCII.GetBytes(value.Append("\r\n").ToString());
    }

    /// <summary>Printable ASCII that fits one line: sent as it is.</summary>
    private static bool IsPlain(string text) =>
        text.Length <= PlainLength && text.AsSpan().IndexOfAnyExceptInRange(' ', '~') < 0 && !text.Contains("=?", StringComparison.Ordinal);

    /// <summary>Up to <see cref="OctetsPerWord"/> octets from <paramref name="start"/>, never splitting a character.</summary>
    private static int WordLength(byte[] octets, int start)
    {
        var end = Math.Min(start + OctetsPerWord, octets.Length);
        while (end < octets.Length && (octets[end] & 0xC0) == 0x80)
        {
            end--;
        }
        return end - start;
    }
}
