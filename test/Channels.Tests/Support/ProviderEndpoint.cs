using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace BillForU.Channels.Tests.Support;

/// <summary>
/// An SMS/push provider on a free loopback port. Each request is recorded (headers and body) and answered as
/// <see cref="Respond"/> says: any status, headers and body, or no answer at all until the test ends (a hang).
/// </summary>
internal sealed class ProviderEndpoint : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<Request> _requests = new();
    private readonly Task _serving;

    private ProviderEndpoint(int port)
    {
        Endpoint = new Uri($"http://127.0.0.1:{port}/v1/messages");
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public sealed record Request(IReadOnlyDictionary<string, string?> Headers, string Body);

    /// <summary>How to answer: status, headers, body; null hangs the request until the endpoint is disposed.</summary>
    public sealed record Answer(int Status, string Body = "", IReadOnlyDictionary<string, string>? Headers = null);

    public Uri Endpoint { get; }

    public IReadOnlyList<Request> Requests => _requests.ToArray();

    public Func<Request, Answer?> Respond { get; set; } = _ => new Answer(200, """{"id":"prov-1"}""");

    public static ProviderEndpoint Start()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return new ProviderEndpoint(port);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        _listener.Close();
        try
        {
            await _serving;
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
        {
            // The listener was closed under the pending GetContextAsync: that is how it stops.
        }
        _stop.Dispose();
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            var context = await _listener.GetContextAsync();
            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
        var headers = context.Request.Headers.AllKeys.Where(k => k is not null).ToDictionary(k => k!, k => context.Request.Headers[k], StringComparer.OrdinalIgnoreCase);
        var request = new Request(headers, await reader.ReadToEndAsync());
        _requests.Enqueue(request);
        var answer = Respond(request);
        try
        {
            if (answer is null)
            {
                await Task.Delay(Timeout.Infinite, _stop.Token);
                return;
            }
            context.Response.StatusCode = answer.Status;
            foreach (var (name, value) in answer.Headers ?? new Dictionary<string, string>())
            {
                context.Response.AddHeader(name, value);
            }
            var bytes = Encoding.UTF8.GetBytes(answer.Body);
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
        catch (Exception e) when (e is OperationCanceledException or HttpListenerException or ObjectDisposedException)
        {
            // The test is over, or the client gave up on a hung request.
        }
    }
}
