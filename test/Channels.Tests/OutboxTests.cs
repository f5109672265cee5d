using BillForU.Domain.Notifications;
using System.Text.Json;
using BillForU.Channels.Configuration;
using BillForU.Channels.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace BillForU.Channels.Tests;

/// <summary>The embedded default: .eml files and JSON lines under the outbox folder.</summary>
public sealed class OutboxTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "billforu-outbox-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private ServiceProvider Build(Action<ChannelOptions>? more = null) => ChannelServices.Build(o =>
    {
        o.OutboxDirectory = _directory;
        more?.Invoke(o);
    });

    [Fact]
    public async Task Email_is_an_eml_file_named_by_notification_id_with_the_real_recipient()
    {
        await using (var services = Build())
        {
            var result = await services.GetRequiredService<IEmailSender>().SendAsync(Notices.For(2026100000001), Notices.Email, CancellationToken.None);
            Assert.Equal(SendResult.Sent("<2026100000001-email@billforu>"), result);
        }

        var file = Assert.Single(Directory.GetFiles(Path.Combine(_directory, "email")));
        Assert.Equal("2026100000001-email.eml", Path.GetFileName(file));
        var message = await MimeMessage.LoadAsync(file);
        Assert.Equal("2026100000001-email@billforu", message.MessageId);
        Assert.Equal(Notices.Email, message.To.Mailboxes.Single().Address);
        Assert.Contains("45,300원", message.TextBody);
        Assert.Contains("45,300원", message.HtmlBody);
    }

    [Fact]
    public async Task Notices_written_one_after_another_each_carry_their_own_bill()
    {
        // One after another, so every notice reuses the same pooled message and its kept body rendering.
        await using (var services = Build())
        {
            var sender = services.GetRequiredService<IEmailSender>();
            foreach (var bill in new[] { 2026100000011L, 2026100000012L, 2026100000013L })
            {
                await sender.SendAsync(Notices.For(bill), Notices.Email, CancellationToken.None);
            }
        }

        foreach (var bill in new[] { 2026100000011L, 2026100000012L, 2026100000013L })
        {
            var message = await MimeMessage.LoadAsync(Path.Combine(_directory, "email", $"{bill}-email.eml"));
            Assert.Contains($"{bill}", message.TextBody);
            Assert.Contains($"{bill}", message.HtmlBody);
            Assert.DoesNotContain(new[] { 2026100000011L, 2026100000012L, 2026100000013L }.Where(b => b != bill), other => message.TextBody!.Contains($"{other}", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_resend_keeps_the_first_eml_file_as_a_relay_keeps_the_first_message_id()
    {
        await using (var services = Build())
        {
            var sender = services.GetRequiredService<IEmailSender>();
            await sender.SendAsync(Notices.For(2026100000002), "first@example.com", CancellationToken.None);
            var again = await sender.SendAsync(Notices.For(2026100000002), "second@example.com", CancellationToken.None);
            Assert.Equal(SendResult.Sent("<2026100000002-email@billforu>"), again);
        }

        var file = Assert.Single(Directory.GetFiles(Path.Combine(_directory, "email")));
        Assert.Equal("first@example.com", (await MimeMessage.LoadAsync(file)).To.Mailboxes.Single().Address);
    }

    [Fact]
    public async Task Past_the_eml_limit_new_notices_are_summarised_with_masked_addresses_and_resends_keep_their_place()
    {
        await using (var services = Build(o => o.Email.OutboxEmlFileLimit = 2))
        {
            var sender = services.GetRequiredService<IEmailSender>();
            for (var bill = 1; bill <= 4; bill++)
            {
                Assert.Equal(SendOutcome.Sent, (await sender.SendAsync(Notices.For(bill), Notices.Email, CancellationToken.None)).Outcome);
            }
            await sender.SendAsync(Notices.For(1), Notices.Email, CancellationToken.None);
            await sender.SendAsync(Notices.For(3), Notices.Email, CancellationToken.None);
        }

        Assert.Equal(["1-email.eml", "2-email.eml"], Directory.GetFiles(Path.Combine(_directory, "email")).Select(Path.GetFileName).Order());
        var summary = await File.ReadAllLinesAsync(Path.Combine(_directory, "email.jsonl"));
        Assert.Equal(["3-email", "4-email"], summary.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("notificationId").GetString()));
        Assert.All(summary, line => Assert.Contains(Notices.MaskedEmail, line));
        Assert.All(summary, line => Assert.DoesNotContain(Notices.Email, line));
    }

    [Fact]
    public async Task Sms_and_push_are_json_lines_with_masked_addresses_only()
    {
        await using (var services = Build())
        {
            await services.GetRequiredService<ISmsSender>().SendAsync(Notices.For(2026100000003, "sms"), Notices.Phone, CancellationToken.None);
            await services.GetRequiredService<IPushSender>().SendAsync(Notices.For(2026100000003, "push"), "70003", CancellationToken.None);
        }

        var sms = JsonDocument.Parse(Assert.Single(await File.ReadAllLinesAsync(Path.Combine(_directory, "sms.jsonl")))).RootElement;
        Assert.Equal("2026100000003-sms", sms.GetProperty("notificationId").GetString());
        Assert.Equal(Notices.MaskedPhone, sms.GetProperty("to").GetString());
        Assert.Equal(45_300, sms.GetProperty("totalAmount").GetInt64());
        Assert.Equal("2026-11-25", sms.GetProperty("dueDate").GetString());
        Assert.Contains("45,300원", sms.GetProperty("text").GetString());
        Assert.DoesNotContain("2345", await File.ReadAllTextAsync(Path.Combine(_directory, "sms.jsonl")));
        var push = JsonDocument.Parse(Assert.Single(await File.ReadAllLinesAsync(Path.Combine(_directory, "push.jsonl")))).RootElement;
        Assert.Equal("70003", push.GetProperty("to").GetString());
        Assert.Contains("2026-10", push.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Concurrent_senders_each_get_one_whole_line_and_a_send_returns_only_once_its_line_is_in_the_file()
    {
        const int Sends = 5_000;
        await using var services = Build();
        var sender = services.GetRequiredService<ISmsSender>();

        await Task.WhenAll(Enumerable.Range(1, Sends).Select(i => Task.Run(() => sender.SendAsync(Notices.For(i, "sms"), Notices.Phone, CancellationToken.None))));

        // Read while the writer is still open: every line a completed send wrote must already be there.
        await using var file = new FileStream(Path.Combine(_directory, "sms.jsonl"), FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var lines = (await new StreamReader(file).ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var ids = lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("billId").GetInt64()).ToHashSet();
        Assert.Equal(Sends, lines.Length);
        Assert.Equal(Sends, ids.Count);
    }

    [Fact]
    public async Task Live_mode_writes_no_outbox()
    {
        var live = ChannelServices.Live(FreePort.Next(), more: o => o.OutboxDirectory = _directory);
        await using (var services = ChannelServices.Build(live))
        {
            _ = services.GetRequiredService<ChannelSenders>();
        }

        Assert.False(Directory.Exists(_directory));
    }
}
