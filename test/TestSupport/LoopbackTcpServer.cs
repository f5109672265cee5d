using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace BillForU.TestSupport;

/// <summary>
/// A TCP server on a free loopback port: every connection it accepts is served by <see cref="ServeAsync"/> until the
/// client goes away or the server is disposed. The base of the provider stand-ins that benchmarks drive hard.
/// </summary>
public abstract class LoopbackTcpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentBag<Task> _connections = [];
    private readonly Task _accepting;

    protected LoopbackTcpServer()
    {
        _listener.Start(512);
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = Task.Run(AcceptAsync);
    }

    public int Port { get; }

    /// <summary>Cancelled when the server is disposed: connections end at their next read or write.</summary>
    protected CancellationToken Stopping => _stopping.Token;

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        await _accepting;
        await Task.WhenAll(_connections);
        _stopping.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Serves one connection; I/O errors and cancellation mean the connection (or the server) has ended.</summary>
    protected abstract Task ServeAsync(NetworkStream stream);

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            _connections.Add(Task.Run(() => ServeConnectionAsync(client)));
        }
    }

    private async Task ServeConnectionAsync(TcpClient client)
    {
        using (client)
        {
            client.NoDelay = true;
            try
            {
                await ServeAsync(client.GetStream());
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The client went away or the server is stopping: the connection ends either way.
            }
        }
    }
}
