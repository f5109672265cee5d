using BillForU.Domain.Notifications;
using BillForU.Channels.Tests.Support;
using BillForU.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace BillForU.Channels.Tests;

/// <summary>The SMTP sender against a relay that offers CHUNKING (the pipelining sink the benchmarks use).</summary>
public sealed class SmtpChunkingTests : IAsyncLifetime
{
    private SmtpSink _sink = null!;
    private ServiceProvider _services = null!;

    public Task InitializeAsync()
    {
        _sink = SmtpSink.Start();
        _services = ChannelServices.Build(ChannelServices.Live(_sink.Port, more: o =>
        {
            o.Smtp.PoolSize = 4;
            o.Smtp.DisablePipelining = false;
        }));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _sink.DisposeAsync();
    }

    [Fact]
    public async Task Every_notice_goes_by_bdat_with_the_size_the_relay_then_reads()
    {
        // A BDAT size that differs from the bytes sent leaves client and relay out of step: the rest of the message
        // is read as commands, and the next notice on that session fails.
        var bills = Enumerable.Range(0, 200).Select(i => 2026100000500L + i).ToArray();
        var sender = _services.GetRequiredService<IEmailSender>();

        var results = await Task.WhenAll(bills.Select(bill => sender.SendAsync(Notices.For(bill), $"user{bill}@test.com", CancellationToken.None)));

        Assert.All(results, r => Assert.Equal(SendOutcome.Sent, r.Outcome));
        Assert.Equal(bills.Length, _sink.Messages);
        Assert.Equal(bills.Length, _sink.ChunkedMessages);
        Assert.Equal(0, _sink.UnknownCommands);
        Assert.Equal(bills.Length, _sink.EightBitMessages);
        Assert.Equal(bills.Select(b => $"<{b}-email@billforu>").Order(), _sink.MessageIds.Keys.Order());
        Assert.All(_sink.MessageIds.Values, n => Assert.Equal(1, n));
    }

    [Fact]
    public async Task A_relay_without_8bitmime_gets_every_notice_in_7_bit()
    {
        // The parts are kept as 8bit for relays that take it; one that does not must still get 7-bit content, and a
        // message re-encoded for it must stay whole when its structure is rented again.
        await using var sevenBit = SmtpSink.Start(offerEightBitMime: false);
        await using var services = ChannelServices.Build(ChannelServices.Live(sevenBit.Port, more: o => o.Smtp.PoolSize = 2));
        var sender = services.GetRequiredService<IEmailSender>();
        var bills = Enumerable.Range(0, 20).Select(i => 2026100000700L + i).ToArray();

        foreach (var bill in bills)
        {
            Assert.Equal(SendOutcome.Sent, (await sender.SendAsync(Notices.For(bill), $"user{bill}@test.com", CancellationToken.None)).Outcome);
        }

        Assert.Equal(bills.Length, sevenBit.ChunkedMessages);
        Assert.Equal(0, sevenBit.EightBitMessages);
        Assert.Equal(0, sevenBit.UnknownCommands);
        Assert.Equal(bills.Select(b => $"<{b}-email@billforu>").Order(), sevenBit.MessageIds.Keys.Order());
    }
}
