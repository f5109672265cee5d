using BillForU.Domain.Notifications;
using System.Text;
using System.Text.Json;
using BillForU.Channels.Configuration;
using BillForU.Channels.Tests.Support;
using BillForU.Channels.Outbox;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MimeKit;

namespace BillForU.Channels.Tests;

/// <summary>
/// A notice written to the file outboxes twice (resent after a crash, or by two senders at once) leaves one line or
/// one file, and what a killed process left half done is repaired when the outbox opens again.
/// </summary>
public sealed class OutboxIdempotencyTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "billforu-outbox-" + Guid.NewGuid().ToString("N"));

    private string Sms => Path.Combine(_directory, "sms.jsonl");

    private string Email => Path.Combine(_directory, "email");

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task A_notice_written_twice_is_one_line()
    {
        await using (var services = Build())
        {
            var sms = services.GetRequiredService<ISmsSender>();
            var first = await sms.SendAsync(Notices.For(1, "sms"), Notices.Phone, CancellationToken.None);
            var again = await sms.SendAsync(Notices.For(1, "sms"), Notices.Phone, CancellationToken.None);
            await sms.SendAsync(Notices.For(2, "sms"), Notices.Phone, CancellationToken.None);
            Assert.Equal(SendResult.Sent("sms.jsonl#1-sms"), first);
            Assert.Equal(first, again);
        }

        Assert.Equal(["1-sms", "2-sms"], await IdsAsync(Sms));
    }

    [Fact]
    public async Task A_reopened_outbox_does_not_append_what_the_previous_process_wrote()
    {
        await using (var services = Build())
        {
            await SendSmsAsync(services, 1, 2, 3);
            var push = services.GetRequiredService<IPushSender>();
            await push.SendAsync(Notices.For(1, "push"), "70001", CancellationToken.None);
        }

        // The restarted process resends what its delivery log had not recorded yet, and goes on.
        await using (var services = Build())
        {
            await SendSmsAsync(services, 2, 3, 4, 5);
            var push = services.GetRequiredService<IPushSender>();
            await push.SendAsync(Notices.For(1, "push"), "70001", CancellationToken.None);
            await push.SendAsync(Notices.For(2, "push"), "70002", CancellationToken.None);
        }

        Assert.Equal(["1-sms", "2-sms", "3-sms", "4-sms", "5-sms"], await IdsAsync(Sms));
        Assert.Equal(["1-push", "2-push"], await IdsAsync(Path.Combine(_directory, "push.jsonl")));
    }

    [Fact]
    public async Task A_torn_last_line_is_cut_and_its_notice_written_whole_once()
    {
        await using (var services = Build())
        {
            await SendSmsAsync(services, 1);
        }
        // kill -9 in the middle of the next line: part of its JSON and no newline.
        var whole = await File.ReadAllTextAsync(Sms);
        await File.AppendAllTextAsync(Sms, whole[..(whole.Length / 2)].Replace("1-sms", "2-sms", StringComparison.Ordinal));
        Assert.False((await File.ReadAllTextAsync(Sms)).EndsWith('\n'));

        var logs = new CapturedLogs();
        await using (var services = Build(logs))
        {
            await SendSmsAsync(services, 2, 1, 3);
        }

        var text = await File.ReadAllTextAsync(Sms);
        Assert.StartsWith(whole, text, StringComparison.Ordinal);
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        Assert.Equal(["1-sms", "2-sms", "3-sms"], await IdsAsync(Sms));
        Assert.Contains(logs.Entries, e => e.EventId == 3101 && e.Message.Contains("torn last line", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_torn_line_that_is_all_of_a_notice_but_its_newline_is_written_again_whole()
    {
        await using (var services = Build())
        {
            await SendSmsAsync(services, 1);
        }
        // The kill came between the JSON and its newline: the send never returned, so the notice is sent again.
        var whole = await File.ReadAllTextAsync(Sms);
        await File.AppendAllTextAsync(Sms, whole.TrimEnd('\n').Replace("1-sms", "2-sms", StringComparison.Ordinal));

        await using (var services = Build())
        {
            await SendSmsAsync(services, 2);
        }

        Assert.Equal(["1-sms", "2-sms"], await IdsAsync(Sms));
        Assert.EndsWith("\n", await File.ReadAllTextAsync(Sms), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrent_senders_of_the_same_notices_leave_one_line_each()
    {
        const int Ids = 50;
        const int SendsEach = 40;
        await using (var services = Build())
        {
            var sms = services.GetRequiredService<ISmsSender>();
            var results = await Task.WhenAll(Enumerable.Range(0, Ids * SendsEach).Select(i => Task.Run(() =>
                sms.SendAsync(Notices.For(1 + i % Ids, "sms"), Notices.Phone, CancellationToken.None))));
            Assert.All(results, r => Assert.Equal(SendOutcome.Sent, r.Outcome));
        }

        Assert.Equal(Enumerable.Range(1, Ids).Select(i => $"{i}-sms").Order(), (await IdsAsync(Sms)).Order());
    }

    [Fact]
    public async Task An_eml_file_already_there_is_kept_and_the_send_is_a_no_op()
    {
        Directory.CreateDirectory(Email);
        var existing = Path.Combine(Email, "7-email.eml");
        await File.WriteAllTextAsync(existing, "written by the run before the crash");

        await using (var services = Build())
        {
            var result = await services.GetRequiredService<IEmailSender>().SendAsync(Notices.For(7), Notices.Email, CancellationToken.None);
            Assert.Equal(SendResult.Sent("<7-email@billforu>"), result);
        }

        Assert.Equal("written by the run before the crash", await File.ReadAllTextAsync(existing));
        Assert.Equal(["7-email.eml"], EmailFolderFiles());
    }

    [Fact]
    public async Task Leftover_temporaries_are_removed_on_start_and_the_folder_holds_only_eml_files()
    {
        // What a kill during a write leaves: this version's temporaries, and those of the version before it.
        Directory.CreateDirectory(Path.Combine(Email, ".tmp"));
        await File.WriteAllTextAsync(Path.Combine(Email, ".tmp", "3-email.eml.4242.1"), "half a mess");
        await File.WriteAllTextAsync(Path.Combine(Email, "4-email.eml.17.tmp"), "half a mess");
        var logs = new CapturedLogs();

        await using (var services = Build(logs))
        {
            await services.GetRequiredService<IEmailSender>().SendAsync(Notices.For(3), Notices.Email, CancellationToken.None);
        }

        Assert.Equal(["3-email.eml"], EmailFolderFiles());
        Assert.Empty(Directory.GetFiles(Path.Combine(Email, ".tmp")));
        Assert.Equal("3-email@billforu", (await MimeMessage.LoadAsync(Path.Combine(Email, "3-email.eml"))).MessageId);
        Assert.Contains(logs.Entries, e => e.EventId == 3102 && e.Values.Contains("2"));
    }

    [Fact]
    public async Task Concurrent_sends_of_one_email_leave_one_whole_file_and_no_temporaries()
    {
        await using (var services = Build())
        {
            var email = services.GetRequiredService<IEmailSender>();
            var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(() =>
                email.SendAsync(Notices.For(5 + i % 2), $"user{i}@example.com", CancellationToken.None))));
            Assert.All(results, r => Assert.Equal(SendOutcome.Sent, r.Outcome));
        }

        Assert.Equal(["5-email.eml", "6-email.eml"], EmailFolderFiles());
        Assert.Empty(Directory.GetFiles(Path.Combine(Email, ".tmp")));
        Assert.Equal("5-email@billforu", (await MimeMessage.LoadAsync(Path.Combine(Email, "5-email.eml"))).MessageId);
    }

    [Fact]
    public async Task Of_concurrent_writes_of_one_eml_file_exactly_one_writes_it()
    {
        var folder = new EmlOutboxFolder(Email, NullLogger.Instance);
        folder.Start(listFiles: true);

        var written = await Task.WhenAll(Enumerable.Range(0, 32).Select(i => Task.Run(() =>
            folder.TryWriteAsync("9-email.eml", Encoding.ASCII.GetBytes($"writer {i}"), CancellationToken.None))));

        var winner = Assert.Single(Enumerable.Range(0, 32), i => written[i]);
        Assert.Equal($"writer {winner}", await File.ReadAllTextAsync(Path.Combine(Email, "9-email.eml")));
        Assert.False(await folder.TryWriteAsync("9-email.eml", "later"u8.ToArray(), CancellationToken.None));
        Assert.Empty(Directory.GetFiles(Path.Combine(Email, ".tmp")));
    }

    [Fact]
    public async Task A_notice_summarised_by_an_earlier_run_past_its_limit_gets_no_file_after_a_restart()
    {
        await using (var services = Build(more: o => o.Email.OutboxEmlFileLimit = 1))
        {
            var email = services.GetRequiredService<IEmailSender>();
            await email.SendAsync(Notices.For(1), Notices.Email, CancellationToken.None);
            await email.SendAsync(Notices.For(2), Notices.Email, CancellationToken.None);
            await email.SendAsync(Notices.For(2), Notices.Email, CancellationToken.None);
        }

        // The restart counts its limit afresh: 2 would get a file if the summary were not asked first.
        await using (var services = Build(more: o => o.Email.OutboxEmlFileLimit = 10))
        {
            var email = services.GetRequiredService<IEmailSender>();
            Assert.Equal(SendResult.Sent("email.jsonl#2-email"), await email.SendAsync(Notices.For(2), Notices.Email, CancellationToken.None));
            await email.SendAsync(Notices.For(1), Notices.Email, CancellationToken.None);
            await email.SendAsync(Notices.For(3), Notices.Email, CancellationToken.None);
        }

        Assert.Equal(["1-email.eml", "3-email.eml"], EmailFolderFiles());
        Assert.Equal(["2-email"], await IdsAsync(Path.Combine(_directory, "email.jsonl")));
    }

    private ServiceProvider Build(CapturedLogs? logs = null, Action<ChannelOptions>? more = null) => ChannelServices.Build(o =>
    {
        o.OutboxDirectory = _directory;
        more?.Invoke(o);
    }, logs);

    private static async Task SendSmsAsync(ServiceProvider services, params long[] bills)
    {
        var sms = services.GetRequiredService<ISmsSender>();
        foreach (var bill in bills)
        {
            Assert.Equal(SendOutcome.Sent, (await sms.SendAsync(Notices.For(bill, "sms"), Notices.Phone, CancellationToken.None)).Outcome);
        }
    }

    /// <summary>The notification id of every line, in file order; a line that is not whole JSON fails the test.</summary>
    private static async Task<string[]> IdsAsync(string path)
    {
        var text = await File.ReadAllTextAsync(path, Encoding.UTF8);
        return [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement.GetProperty("notificationId").GetString()!)];
    }

    private string[] EmailFolderFiles() => [.. Directory.GetFiles(Email).Select(f => Path.GetFileName(f)!).Order()];
}
