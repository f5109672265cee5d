using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;

namespace BillForU.TestSupport;

/// <summary>
/// A minimal ESMTP server on a free loopback port that accepts every message and keeps only its Message-ID, for
/// benchmarks and drills that send hundreds of thousands of emails (<see cref="SmtpCapture"/> keeps whole messages
/// and tops out near 2,000 a second). It advertises PIPELINING and CHUNKING (RFC 3030: a client sends the message as
/// <c>BDAT n LAST</c> and its bytes, and waits for one reply instead of DATA's two) and answers a pipelined batch with
/// one write.
/// </summary>
public sealed class SmtpSink : LoopbackTcpServer
{
    private static readonly byte[] Greeting = Encoding.ASCII.GetBytes("220 billforu-sink ESMTP\r\n");
    private static readonly byte[] EhloReply = Encoding.ASCII.GetBytes("250-billforu-sink\r\n250-PIPELINING\r\n250-8BITMIME\r\n250-CHUNKING\r\n250 SIZE 10485760\r\n");
    private static readonly byte[] SevenBitEhloReply = Encoding.ASCII.GetBytes("250-billforu-sink\r\n250-PIPELINING\r\n250-CHUNKING\r\n250 SIZE 10485760\r\n");
    private static readonly byte[] Ok = Encoding.ASCII.GetBytes("250 OK\r\n");
    private static readonly byte[] GoAhead = Encoding.ASCII.GetBytes("354 End data with <CR><LF>.<CR><LF>\r\n");
    private static readonly byte[] Bye = Encoding.ASCII.GetBytes("221 Bye\r\n");
    private static readonly byte[] Unknown = Encoding.ASCII.GetBytes("502 Command not implemented\r\n");

    private readonly ConcurrentDictionary<string, int> _byMessageId = new(StringComparer.Ordinal);
    private readonly byte[] _ehloReply;
    private long _messages;
    private long _chunked;
    private long _unknownCommands;
    private long _eightBit;

    private SmtpSink(bool offerEightBitMime)
    {
        _ehloReply = offerEightBitMime ? EhloReply : SevenBitEhloReply;
    }

    /// <summary>Messages accepted, resends included.</summary>
    public long Messages => Interlocked.Read(ref _messages);

    /// <summary>Messages that came by BDAT rather than DATA.</summary>
    public long ChunkedMessages => Interlocked.Read(ref _chunked);

    /// <summary>Lines taken for commands the sink does not know: a client out of step with it (say, a BDAT size that was not the data's).</summary>
    public long UnknownCommands => Interlocked.Read(ref _unknownCommands);

    /// <summary>BDAT messages with any octet above 127: 8bit content, which a relay without 8BITMIME must not be sent.</summary>
    public long EightBitMessages => Interlocked.Read(ref _eightBit);

    /// <summary>How many times each Message-ID arrived: more than once is a resend of the same notice.</summary>
    public IReadOnlyDictionary<string, int> MessageIds => _byMessageId;

    /// <param name="offerEightBitMime">False: a relay that takes only 7-bit content (no 8BITMIME in its EHLO reply).</param>
    public static SmtpSink Start(bool offerEightBitMime = true) => new(offerEightBitMime);

    protected override async Task ServeAsync(NetworkStream stream)
    {
        var session = new Session(stream);
        await stream.WriteAsync(Greeting, Stopping);
        while (await session.ReadLineAsync(Stopping) is { } line)
        {
            var text = line.Span;
            if (session.InData)
            {
                if (text.Length == 1 && text[0] == (byte)'.')
                {
                    session.InData = false;
                    Interlocked.Increment(ref _messages);
                    _byMessageId.AddOrUpdate(session.MessageId ?? "(none)", 1, static (_, n) => n + 1);
                    session.Reply(Ok);
                }
                else if (session.MessageId is null && text.Length > 11 && Encoding.ASCII.GetString(text[..11]).Equals("Message-ID:", StringComparison.OrdinalIgnoreCase))
                {
                    session.MessageId = Encoding.ASCII.GetString(text[11..]).Trim();
                }
                continue;
            }
            var verb = text.Length >= 4 ? Encoding.ASCII.GetString(text[..4]).ToUpperInvariant() : "";
            switch (verb)
            {
                case "EHLO": session.Reply(_ehloReply); break;
                case "HELO" or "MAIL" or "RCPT" or "RSET" or "NOOP": session.Reply(Ok); break;
                case "BDAT":
                    var (size, last) = (ChunkSize(text), IsLastChunk(text));
                    var chunk = await session.ReadChunkAsync(size, Stopping);
                    session.MessageId ??= MessageIdIn(chunk.Span);
                    session.EightBit |= chunk.Span.IndexOfAnyInRange((byte)0x80, (byte)0xFF) >= 0;
                    if (last)
                    {
                        Interlocked.Increment(ref _messages);
                        Interlocked.Increment(ref _chunked);
                        _byMessageId.AddOrUpdate(session.MessageId ?? "(none)", 1, static (_, n) => n + 1);
                        if (session.EightBit)
                        {
                            Interlocked.Increment(ref _eightBit);
                        }
                        (session.MessageId, session.EightBit) = (null, false);
                    }
                    session.Reply(Ok);
                    break;
                case "DATA":
                    (session.InData, session.MessageId) = (true, null);
                    session.Reply(GoAhead);
                    break;
                case "QUIT":
                    session.Reply(Bye);
                    await session.FlushAsync(Stopping);
                    return;
                default:
                    Interlocked.Increment(ref _unknownCommands);
                    session.Reply(Unknown);
                    break;
            }
        }
    }

    private static int ChunkSize(ReadOnlySpan<byte> command) =>
        int.Parse(Encoding.ASCII.GetString(command[5..]).Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], System.Globalization.CultureInfo.InvariantCulture);

    private static bool IsLastChunk(ReadOnlySpan<byte> command) =>
        Encoding.ASCII.GetString(command).TrimEnd().EndsWith(" LAST", StringComparison.OrdinalIgnoreCase);

    /// <summary>The Message-ID header's value in a chunk that holds the message's headers, or null.</summary>
    private static string? MessageIdIn(ReadOnlySpan<byte> chunk)
    {
        ReadOnlySpan<byte> name = "Message-ID:"u8;
        var headers = chunk.IndexOf("\r\n\r\n"u8) is var end and >= 0 ? chunk[..end] : chunk;
        while (headers.Length > 0)
        {
            var lineEnd = headers.IndexOf("\r\n"u8);
            var line = lineEnd >= 0 ? headers[..lineEnd] : headers;
            if (line.Length >= name.Length && Ascii.EqualsIgnoreCase(line[..name.Length], name))
            {
                return Encoding.ASCII.GetString(line[name.Length..]).Trim();
            }
            headers = lineEnd >= 0 ? headers[(lineEnd + 2)..] : [];
        }
        return null;
    }

    /// <summary>One connection's reader and pending replies; replies go out when no further input is buffered.</summary>
    private sealed class Session
    {
        private readonly Stream _stream;
        private readonly LineBufferedReader _reader;
        private readonly MemoryStream _replies = new();

        public Session(Stream stream)
        {
            _stream = stream;
            _reader = new LineBufferedReader(stream, FlushAsync);
        }

        public bool InData { get; set; }

        public string? MessageId { get; set; }

        public bool EightBit { get; set; }

        public void Reply(byte[] reply) => _replies.Write(reply);

        public async Task FlushAsync(CancellationToken cancellationToken)
        {
            if (_replies.Length > 0)
            {
                await _stream.WriteAsync(_replies.GetBuffer().AsMemory(0, (int)_replies.Length), cancellationToken);
                _replies.SetLength(0);
            }
        }

        /// <summary>The next <paramref name="size"/> bytes (a BDAT chunk), valid until the next read.</summary>
        public Task<ReadOnlyMemory<byte>> ReadChunkAsync(int size, CancellationToken cancellationToken) => _reader.ReadBytesAsync(size, cancellationToken);

        /// <summary>The next line without its CRLF (valid until the next call), or null at end of stream.</summary>
        public Task<ReadOnlyMemory<byte>?> ReadLineAsync(CancellationToken cancellationToken) => _reader.ReadLineAsync(cancellationToken);
    }
}
