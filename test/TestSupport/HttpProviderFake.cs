using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace BillForU.TestSupport;

/// <summary>
/// An SMS/push provider endpoint on a free loopback port: records every request and answers as told —
/// 200 with a message id, 500, or 429 with a Retry-After.
/// </summary>
public sealed class HttpProviderFake : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _serving;
    private readonly ConcurrentQueue<Request> _requests = new();
    private int _failures;
    private int _sequence;

    private HttpProviderFake(int port)
    {
        Endpoint = new Uri($"http://127.0.0.1:{port}/send");
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _serving = Task.Run(ServeAsync);
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

    public static HttpProviderFake Start()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return new HttpProviderFake(port);
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            await _serving;
        }
        catch (HttpListenerException)
        {
            // The listener was closed under the pending GetContextAsync: that is how it stops.
        }
        catch (ObjectDisposedException)
        {
            // Same, reported differently depending on timing.
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            var context = await _listener.GetContextAsync();
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var fail = Interlocked.Decrement(ref _failures) >= 0;
            if (!fail)
            {
                Interlocked.Exchange(ref _failures, 0);
            }
            var status = fail ? FailureStatus : 200;
            _requests.Enqueue(new Request(context.Request.Headers["Idempotency-Key"], body, status));
            context.Response.StatusCode = status;
            if (fail && status == 429)
            {
                context.Response.AddHeader("Retry-After", ((int)RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture));
            }
            var answer = fail ? "{\"error\":\"injected\"}" : $"{{\"id\":\"msg-{Interlocked.Increment(ref _sequence)}\"}}";
            var bytes = Encoding.UTF8.GetBytes(answer);
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }
}
