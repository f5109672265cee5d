using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace BillForU.TestSupport;

/// <summary>
/// An SMS/push provider endpoint on a free loopback port: records every request and answers as told —
/// 200 with a message id, 500, or 429 with a Retry-After. A minimal HTTP/1.1 server on keep-alive connections
/// (Content-Length request bodies, one write per response), so benchmarks that post hundreds of thousands of messages
/// measure the senders rather than the fake.
/// </summary>
public sealed class HttpProviderFake : LoopbackTcpServer
{
    private readonly ConcurrentQueue<Request> _requests = new();
    private int _failures;
    private int _sequence;
    private int _waiting;
    private volatile TaskCompletionSource? _held;

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

    /// <summary>Requests received and not answered yet, because answers are held.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    public static HttpProviderFake Start() => new();

    /// <summary>Requests from now on wait for <see cref="ReleaseAnswers"/>: a provider in the middle of a call.</summary>
    public void HoldAnswers() => _held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void ReleaseAnswers()
    {
        var held = _held;
        _held = null;
        held?.TrySetResult();
    }

    protected override async Task ServeAsync(NetworkStream stream)
    {
        var connection = new Connection(stream);
        while (await connection.ReadRequestAsync(Stopping) is { } request)
        {
            if (_held is { } held)
            {
                Interlocked.Increment(ref _waiting);
                try
                {
                    await held.Task.WaitAsync(Stopping);
                }
                finally
                {
                    Interlocked.Decrement(ref _waiting);
                }
            }
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

    /// <summary>One keep-alive connection.</summary>
    private sealed class Connection(Stream stream)
    {
        private readonly LineBufferedReader _reader = new(stream);

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
            }
            if (chunked)
            {
                // The senders serialize their bodies first; a chunked one is a regression, refused like a strict gateway would.
                throw new IOException("A chunked request body: the provider fake takes Content-Length bodies only.");
            }
            var body = await _reader.ReadBytesAsync(contentLength, cancellationToken);
            return new ReceivedRequest(idempotencyKey, Encoding.UTF8.GetString(body.Span), close);
        }

        private async Task<string?> ReadLineAsync(CancellationToken cancellationToken) =>
            await _reader.ReadLineAsync(cancellationToken) is { } line ? Encoding.ASCII.GetString(line.Span) : null;
    }
}
