using BillForU.Domain.Notifications;
using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using BillForU.Channels.Tests.Support;
using BillForU.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace BillForU.Channels.Tests;

/// <summary>A relay that greets, answers EHLO and then never answers again: what bounds a send to it.</summary>
public sealed class SmtpDeadlineTests : IAsyncLifetime
{
    private readonly SilentRelay _relay = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _relay.DisposeAsync();

    [Fact]
    public async Task The_callers_deadline_ends_a_send_to_a_relay_that_stopped_answering()
    {
        await using var services = ChannelServices.Build(ChannelServices.Live(_relay.Port, more: o => o.Smtp.Timeout = TimeSpan.FromMinutes(5)));
        var sender = services.GetRequiredService<IEmailSender>();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        var stopwatch = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sender.SendAsync(Notices.For(2026100000031), Notices.Email, deadline.Token));

        Assert.InRange(stopwatch.Elapsed, TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(10));
        Assert.True(_relay.MailCommands >= 1);
    }

    [Fact]
    public async Task Without_a_callers_deadline_the_smtp_timeout_ends_it_as_a_retry()
    {
        await using var services = ChannelServices.Build(ChannelServices.Live(_relay.Port, more: o => o.Smtp.Timeout = TimeSpan.FromMilliseconds(500)));
        var sender = services.GetRequiredService<IEmailSender>();
        var stopwatch = Stopwatch.StartNew();

        var result = await sender.SendAsync(Notices.For(2026100000032), Notices.Email, CancellationToken.None);

        Assert.Equal(SendOutcome.RetryLater, result.Outcome);
        Assert.Contains("did not answer within", result.Error);
        Assert.InRange(stopwatch.Elapsed, TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(10));
    }

    private sealed class SilentRelay : LoopbackTcpServer
    {
        private int _mailCommands;

        public int MailCommands => Volatile.Read(ref _mailCommands);

        protected override async Task ServeAsync(NetworkStream stream)
        {
            using var reader = new StreamReader(stream, Encoding.ASCII);
            await Write(stream, "220 silent ESMTP\r\n");
            while (await reader.ReadLineAsync(Stopping) is { } line)
            {
                if (line.StartsWith("EHLO", StringComparison.OrdinalIgnoreCase))
                {
                    await Write(stream, "250-silent\r\n250 PIPELINING\r\n");
                }
                else if (line.StartsWith("MAIL", StringComparison.OrdinalIgnoreCase))
                {
                    Interlocked.Increment(ref _mailCommands);
                }
            }
        }

        private Task Write(NetworkStream stream, string reply) => stream.WriteAsync(Encoding.ASCII.GetBytes(reply), Stopping).AsTask();
    }
}
