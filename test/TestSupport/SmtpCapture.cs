using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace BillForU.TestSupport;

/// <summary>
/// A real SMTP server on a free loopback port that keeps every message it accepts, and can be told to
/// refuse messages for a while (a transient 451 or a permanent 550), as a misbehaving relay would.
/// Every accepted message is also summarised in <see cref="Received"/> (Message-ID, recipient, subject); with
/// <c>keepMessages: false</c> only the summaries are kept and only headers are parsed, so a capture of
/// a hundred thousand notices stays small.
/// </summary>
public sealed class SmtpCapture : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;
    private readonly CapturingStore _store = new();

    private SmtpCapture(int port, bool keepMessages)
    {
        Port = port;
        _store.KeepMessages = keepMessages;
        var options = new SmtpServerOptionsBuilder().ServerName("localhost").Port(port).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(_store);
        var server = new SmtpServer.SmtpServer(options, services);
        _serving = server.StartAsync(_stop.Token);
    }

    public int Port { get; }

    public IReadOnlyCollection<MimeMessage> Messages => _store.Messages;

    /// <summary>Every accepted message, in order of acceptance, as its Message-ID (without angle brackets), recipient and subject.</summary>
    public IReadOnlyCollection<CapturedEmail> Received => _store.Received;

    /// <summary>How many messages were accepted so far.</summary>
    public int Count => _store.Count;

    /// <summary>Refuse this many further messages with a transient failure (451).</summary>
    public int RejectTransiently
    {
        get => _store.RejectTransiently;
        set => _store.RejectTransiently = value;
    }

    /// <summary>Refuse every message permanently (550) while set.</summary>
    public bool RejectPermanently
    {
        get => _store.RejectPermanently;
        set => _store.RejectPermanently = value;
    }

    /// <param name="keepMessages">False: keep only <see cref="Received"/> summaries (headers parsed, bodies not).</param>
    public static async Task<SmtpCapture> StartAsync(bool keepMessages = true)
    {
        var capture = new SmtpCapture(FreePort(), keepMessages);
        await WaitForListenerAsync(capture.Port);
        return capture;
    }

    public IReadOnlyList<MimeMessage> MessagesTo(string address) =>
        Messages.Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase))).ToArray();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _serving;
        }
        catch (OperationCanceledException)
        {
            // Stopping is what was asked for.
        }
        _stop.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task WaitForListenerAsync(int port)
    {
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(20);
            }
        }
        throw new InvalidOperationException($"The SMTP capture did not start listening on port {port}.");
    }

    private sealed class CapturingStore : MessageStore
    {
        private readonly ConcurrentQueue<MimeMessage> _messages = new();
        private readonly ConcurrentQueue<CapturedEmail> _received = new();
        private int _rejectTransiently;
        private int _count;

        public bool KeepMessages { get; set; } = true;

        public IReadOnlyCollection<MimeMessage> Messages => _messages.ToArray();

        public IReadOnlyCollection<CapturedEmail> Received => _received.ToArray();

        public int Count => Volatile.Read(ref _count);

        public int RejectTransiently
        {
            get => Volatile.Read(ref _rejectTransiently);
            set => Volatile.Write(ref _rejectTransiently, value);
        }

        public bool RejectPermanently { get; set; }

        public override async Task<SmtpResponse> SaveAsync(
            ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            if (RejectPermanently)
            {
                return new SmtpResponse(SmtpReplyCode.MailboxUnavailable, "mailbox unavailable");
            }
            if (Interlocked.Decrement(ref _rejectTransiently) >= 0)
            {
                return new SmtpResponse(SmtpReplyCode.ServiceUnavailable, "try again later");
            }
            Interlocked.Exchange(ref _rejectTransiently, 0);
            using var stream = new MemoryStream(buffer.ToArray());
            HeaderList headers;
            if (KeepMessages)
            {
                var message = await MimeMessage.LoadAsync(stream, cancellationToken);
                _messages.Enqueue(message);
                headers = message.Headers;
            }
            else
            {
                headers = await new MimeParser(stream, MimeFormat.Entity).ParseHeadersAsync(cancellationToken);
            }
            _received.Enqueue(new CapturedEmail(
                headers[HeaderId.MessageId]?.Trim().Trim('<', '>') ?? string.Empty,
                headers[HeaderId.To]?.Trim() ?? string.Empty,
                headers[HeaderId.Subject] ?? string.Empty));
            Interlocked.Increment(ref _count);
            return SmtpResponse.Ok;
        }
    }
}
