using BillForU.Channels.Configuration;
using BillForU.Channels.Email;
using BillForU.Channels.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace BillForU.Channels.Tests;

/// <summary>The pooled notice message: its body is rendered once per send, and never carries a previous notice's body.</summary>
public sealed class BillNoticeMessageTests
{
    private readonly BillNoticeMessage _messages = new(new SmtpOptions(), TimeProvider.System);

    [Fact]
    public void The_second_render_of_a_send_is_the_first_ones_bytes()
    {
        var options = FormatOptions.Default.Clone();
        using var rented = _messages.Rent(Notices.For(2026100000021), new MailboxAddress(null, Notices.Email));

        var measured = Render(rented.Message, options);
        var sent = Render(rented.Message, options);

        Assert.Equal(measured, sent);
        Assert.Contains("Bill no. 2026100000021", Parse(sent).TextBody);
    }

    [Fact]
    public void A_reused_message_renders_the_new_notice_even_with_the_same_format_options()
    {
        var options = FormatOptions.Default.Clone();
        using (var first = _messages.Rent(Notices.For(2026100000022), new MailboxAddress(null, Notices.Email)))
        {
            Render(first.Message, options);
        }

        using var second = _messages.Rent(Notices.For(2026100000023), new MailboxAddress(null, Notices.Email));
        var message = Parse(Render(second.Message, options));

        Assert.Contains("Bill no. 2026100000023", message.TextBody);
        Assert.Contains("2026100000023", message.HtmlBody);
        Assert.DoesNotContain("2026100000022", message.TextBody);
    }

    [Fact]
    public void The_subject_and_date_read_back_as_the_notice_and_the_clock_give_them()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 1, 2, 3, TimeSpan.Zero));
        var messages = new BillNoticeMessage(new SmtpOptions(), clock);
        var notice = Notices.For(2026100000024);
        using (var first = messages.Rent(notice, new MailboxAddress(null, Notices.Email)))
        {
            Assert.Equal(clock.GetUtcNow(), Parse(Render(first.Message, FormatOptions.Default.Clone())).Date);
        }

        clock.Advance(TimeSpan.FromSeconds(61));
        using var second = messages.Rent(notice, new MailboxAddress(null, Notices.Email));
        var message = Parse(Render(second.Message, FormatOptions.Default.Clone()));

        Assert.Equal(BillNoticeTemplate.Subject(notice), message.Subject);
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 1, 3, 4, TimeSpan.Zero), message.Date);
    }

    private static byte[] Render(MimeMessage message, FormatOptions options)
    {
        using var stream = new MemoryStream();
        message.WriteTo(options, stream);
        return stream.ToArray();
    }

    private static MimeMessage Parse(byte[] rendered) => MimeMessage.Load(new MemoryStream(rendered));
}
