using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace BillForU.TestSupport;

/// <summary>
/// An SMS/push provider endpoint on a free loopback port: records every request and answers as told —
/// 200 with a message id, 500, or 429 with a Retry-After. A minimal HTTP/1.1 server on keep-alive connections
/// (Content-Length or chunked request bodies, one write per response), so benchmarks that post hundreds of thousands
/// of messages measure the senders rather than the fake.
/// </summary>
public sealed class HttpProviderFake : LoopbackTcpServer
{
    private const int BufferSize = 64 * 1024;

    private readonly ConcurrentQueue<Request> _requests = new();
    private int _failures;
    private int _sequence;

    private HttpProviderFake()
    {
        Endpoint = new Uri($"http://127.0.0.1:{Port}/send");
    }

    public sealed record Request(string? IdempotencyKey, string Body, int Status);

    public Uri Endpoint { get; }

    public IReadOnlyCollection<Request> Requests => _requests.ToArray();

    /// <summary>Requests that succeeded (2xx).</summary>
    public IReadOnlyList<Request> Delivered => _requests.Where(r => r.Status == 200).ToArray();

    /// <summary>Answer this many further requests with <see cref="FailureStatus"/>.</summary>
    public int FailNext
    {
        get => Volatile.Read(ref _failures);
        set => Volatile.Write(ref _failures, value);
    }

    /// <summary>The status of failed answers: 500, or 429 (with <see cref="RetryAfter"/>).</summary>
    public int FailureStatus { get; set; } = 500;

    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(1);

    public static HttpProviderFake Start() => new();

    protected override async Task ServeAsync(NetworkStream stream)
    {
        var connection = new Connection(stream);
        while (await connection.ReadRequestAsync(Stopping) is { } request)
        {
            await connection.WriteAsync(Answer(request), Stopping);
            if (request.Close)
            {
                return;
            }
        }
    }

    private byte[] Answer(ReceivedRequest request)
    {
        var fail = Interlocked.Decrement(ref _failures) >= 0;
        if (!fail)
        {
            Interlocked.Exchange(ref _failures, 0);
        }
        var status = fail ? FailureStatus : 200;
        _requests.Enqueue(new Request(request.IdempotencyKey, request.Body, status));
        var body = fail ? "{\"error\":\"injected\"}" : $"{{\"id\":\"msg-{Interlocked.Increment(ref _sequence)}\"}}";
        var retryAfter = fail && status == 429
            ? $"Retry-After: {((int)RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture)}\r\n"
            : "";
        return Encoding.ASCII.GetBytes(
            $"HTTP/1.1 {status} {Reason(status)}\r\nContent-Type: application/json\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\n{retryAfter}\r\n{body}");
    }

    private static string Reason(int status) => status switch
    {
        200 => "OK",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        _ => "Status",
    };

    private sealed record ReceivedRequest(string? IdempotencyKey, string Body, bool Close);

    /// <summary>One keep-alive connection's read buffer.</summary>
    private sealed class Connection(NetworkStream stream)
    {
        private readonly byte[] _input = new byte[BufferSize];
        private int _start;
        private int _end;

        public Task WriteAsync(byte[] response, CancellationToken cancellationToken) =>
            stream.WriteAsync(response, cancellationToken).AsTask();

        /// <summary>The next request, or null when the client closed the connection between requests.</summary>
        public async Task<ReceivedRequest?> ReadRequestAsync(CancellationToken cancellationToken)
        {
            if (await ReadLineAsync(cancellationToken) is not { } requestLine)
            {
                return null;
            }
            var (contentLength, chunked, close, idempotencyKey) = (0, false, requestLine.EndsWith("HTTP/1.0", StringComparison.Ordinal), (string?)null);
            while (await ReadLineAsync(cancellationToken) is { Length: > 0 } header)
            {
                var colon = header.IndexOf(':', StringComparison.Ordinal);
                var (name, value) = (header[..colon].Trim(), header[(colon + 1)..].Trim());
                if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                {
                    contentLength = int.Parse(value, CultureInfo.InvariantCulture);
                }
                else if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
                {
                    chunked = value.Contains("chunked", StringComparison.OrdinalIgnoreCase);
                }
                else if (name.Equals("Connection", StringComparison.OrdinalIgnoreCase))
                {
                    close = value.Equals("close", StringComparison.OrdinalIgnoreCase);
                }
                else if (name.Equals("Idempotency-Key", StringComparison.OrdinalIgnoreCase))
                {
                    idempotencyKey = value;
                }
                else if (name.Equals("Expect", StringComparison.OrdinalIgnoreCase) && value.Equals("100-continue", StringComparison.OrdinalIgnoreCase))
                {
                    await WriteAsync("HTTP/1.1 100 Continue\r\n\r\n"u8.ToArray(), cancellationToken);
                }
            }
            var body = new MemoryStream();
            if (chunked)
            {
                while (int.Parse((await ReadLineAsync(cancellationToken))!.Split(';')[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture) is var size and > 0)
                {
                    await ReadBytesAsync(body, size, cancellationToken);
                    await ReadLineAsync(cancellationToken);
                }
                while (await ReadLineAsync(cancellationToken) is { Length: > 0 })
                {
                    // Trailer fields: none are used.
                }
            }
            else
            {
                await ReadBytesAsync(body, contentLength, cancellationToken);
            }
            return new ReceivedRequest(idempotencyKey, Encoding.UTF8.GetString(body.GetBuffer(), 0, (int)body.Length), close);
        }

        private async Task ReadBytesAsync(MemoryStream into, int count, CancellationToken cancellationToken)
        {
            while (count > 0)
            {
                if (_start == _end && !await FillAsync(cancellationToken))
                {
                    throw new IOException("The connection closed inside a request body.");
                }
                var take = Math.Min(count, _end - _start);
                into.Write(_input, _start, take);
                (_start, count) = (_start + take, count - take);
            }
        }

        /// <summary>The next line without its CRLF, or null at end of stream.</summary>
        private async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
        {
            while (true)
            {
                var newline = Array.IndexOf(_input, (byte)'\n', _start, _end - _start);
                if (newline >= 0)
                {
                    var length = newline - _start;
                    if (length > 0 && _input[newline - 1] == (byte)'\r')
                    {
                        length--;
                    }
                    var line = Encoding.ASCII.GetString(_input, _start, length);
                    _start = newline + 1;
                    return line;
                }
                if (!await FillAsync(cancellationToken))
                {
                    return null;
                }
            }
        }

        private async Task<bool> FillAsync(CancellationToken cancellationToken)
        {
            if (_start > 0)
            {
                Buffer.BlockCopy(_input, _start, _input, 0, _end - _start);
                (_end, _start) = (_end - _start, 0);
            }
            if (_end == _input.Length)
            {
                throw new IOException("HTTP line longer than the fake's buffer.");
            }
            var read = await stream.ReadAsync(_input.AsMemory(_end), cancellationToken);
            _end += read;
            return read > 0;
        }
    }
}
