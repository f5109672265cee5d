using System.Text;
using BillForU.Channels.Email;
using MimeKit;

namespace BillForU.Channels.Tests;

/// <summary>The subject's raw header value: what a mail reader decodes is the text given, and no line is too long.</summary>
public sealed class EncodedHeaderValueTests
{
    [Theory]
    [InlineData("[BillForU] 2026-10 청구서 45,300원 · Your 2026-10 bill")]
    [InlineData("[BillForU] 2026-10 청구서 1,234,567,890원 · Your 2026-10 bill")]
    [InlineData("청구서청구서청구서청구서청구서청구서청구서청구서청구서청구서청구서청구서청구서청구서청구서 end")]
    [InlineData("납부기한이 지났습니다 ✉️ 😀 — please pay your bill of 45,300원 before the 25th of November")]
    public void Text_that_is_not_plain_ascii_decodes_to_itself_in_lines_of_at_most_78(string text)
    {
        var raw = EncodedHeaderValue.Unstructured(text);

        var message = Parse(raw);

        Assert.Equal(text, message.Subject);
        Assert.All(Lines(raw), line => Assert.InRange(line.Length, 1, 78));
        Assert.All(raw, octet => Assert.InRange(octet, 1, 127));
    }

    [Fact]
    public void Plain_ascii_goes_as_it_is()
    {
        var raw = EncodedHeaderValue.Unstructured("Your 2026-10 bill");

        Assert.Equal("Subject: Your 2026-10 bill", Lines(raw).Single());
        Assert.Equal("Your 2026-10 bill", Parse(raw).Subject);
    }

    [Fact]
    public void Ascii_that_looks_like_an_encoded_word_is_encoded()
    {
        const string text = "=?utf-8?b?not-a-word?=";

        var raw = EncodedHeaderValue.Unstructured(text);

        Assert.Equal(text, Parse(raw).Subject);
        Assert.DoesNotContain(text, Encoding.ASCII.GetString(raw), StringComparison.Ordinal);
    }

    private static string[] Lines(byte[] raw) =>
        ("Subject:" + Encoding.ASCII.GetString(raw)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

    private static MimeMessage Parse(byte[] raw)
    {
        var message = Encoding.ASCII.GetBytes("From: a@example.com\r\nSubject:").Concat(raw).Concat("\r\nbody\r\n"u8.ToArray()).ToArray();
        return MimeMessage.Load(new MemoryStream(message));
    }
}
