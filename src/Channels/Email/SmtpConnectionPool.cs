using System.Collections.Concurrent;
using BillForU.Channels.Configuration;
using BillForU.Channels.Logging;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;

namespace BillForU.Channels.Email;

/// <summary>
/// Up to <see cref="SmtpOptions.PoolSize"/> connected, authenticated clients. One SMTP session carries one message at a
/// time, so the pool size is also the number of sends in flight; a session is opened only when no idle one is left,
/// and one that failed is dropped rather than returned, so the next rent reconnects.
/// </summary>
internal sealed class SmtpConnectionPool(SmtpOptions options, TimeProvider time, ILogger<SmtpConnectionPool> logger) : IAsyncDisposable
{
    // Relays drop idle sessions (often after 30–60 s); past this a NOOP proves the session before a message is risked on it.
    private static readonly TimeSpan ProbeAfterIdle = TimeSpan.FromSeconds(15);

    private readonly SemaphoreSlim _slots = new(options.PoolSize, options.PoolSize);
    private readonly ConcurrentStack<IdleClient> _idle = new();

    // One warning when the relay goes away and one line when it is back, not one per notice while it is down.
    private int _relayDown;

    public string Host => options.Host ?? "";

    public int Port => options.Port;

    /// <summary>How long connecting and signing in may take, and a send that its caller does not bound.</summary>
    public TimeSpan Timeout => options.Timeout;

    /// <summary>A client ready for one message; hand it back with <see cref="Return"/>. Connection failures are thrown.</summary>
    public async Task<SmtpClient> RentAsync(CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        SmtpClient? client = null;
        try
        {
            client = await TakeIdleAsync(cancellationToken) ?? await ConnectAsync(cancellationToken);
            return client;
        }
        catch (Exception e) when (SmtpFailures.IsSessionFailure(e))
        {
            if (Interlocked.Exchange(ref _relayDown, 1) == 0)
            {
                logger.SmtpRelayDown(Host, Port, $"{e.GetType().Name}: {e.Message}");
            }
            throw;
        }
        finally
        {
            if (client is null)
            {
                _slots.Release();
            }
        }
    }

    /// <param name="reusable">False when the session may be in an unknown state (an I/O error, a cancelled exchange).</param>
    public void Return(SmtpClient client, bool reusable)
    {
        if (reusable && client.IsConnected)
        {
            _idle.Push(new IdleClient(client, time.GetTimestamp()));
        }
        else
        {
            client.Dispose();
        }
        _slots.Release();
    }

    public async ValueTask DisposeAsync()
    {
        while (_idle.TryPop(out var idle))
        {
            using var client = idle.Client;
            using var quit = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try
            {
                await client.DisconnectAsync(quit: true, quit.Token);
            }
            catch (Exception e) when (SmtpFailures.IsSessionFailure(e) || e is OperationCanceledException)
            {
                // Saying goodbye is a courtesy: the socket is closed by Dispose either way.
            }
        }
        _slots.Dispose();
    }

    private async Task<SmtpClient?> TakeIdleAsync(CancellationToken cancellationToken)
    {
        while (_idle.TryPop(out var idle))
        {
            var usable = false;
            try
            {
                usable = idle.Client.IsConnected
                    && (time.GetElapsedTime(idle.Since) < ProbeAfterIdle || await RespondsAsync(idle.Client, cancellationToken));
            }
            finally
            {
                if (!usable)
                {
                    idle.Client.Dispose();
                }
            }
            if (usable)
            {
                return idle.Client;
            }
        }
        return null;
    }

    private static async Task<bool> RespondsAsync(SmtpClient client, CancellationToken cancellationToken)
    {
        try
        {
            await client.NoOpAsync(cancellationToken);
            return true;
        }
        catch (Exception e) when (SmtpFailures.IsSessionFailure(e))
        {
            return false;
        }
    }

    private async Task<SmtpClient> ConnectAsync(CancellationToken cancellationToken)
    {
        var client = new ChunkingSmtpClient { Timeout = (int)options.Timeout.TotalMilliseconds };
        var ready = false;
        try
        {
            await client.ConnectAsync(Host, Port, SocketOptions(options.Security), cancellationToken);
            if (options.DisablePipelining)
            {
                client.Capabilities &= ~SmtpCapabilities.Pipelining;
            }
            // With SIZE announced, MailKit renders every message once just to measure it before rendering it again to
            // send. A bill notice is a few kilobytes, far below any relay's limit, and the relay still enforces its
            // limit on the data itself.
            client.Capabilities &= ~SmtpCapabilities.Size;
            if (!string.IsNullOrEmpty(options.UserName))
            {
                await client.AuthenticateAsync(options.UserName, options.Password ?? "", cancellationToken);
            }
            // From here on, an exchange is bounded by its send's cancellation token (see SmtpEmailSender), not by a timer
            // per socket read and write: MailKit starts one for each, four per email, and at thousands of emails a
            // second every session then contends for the runtime's timer queue.
            client.Timeout = System.Threading.Timeout.Infinite;
            logger.SmtpConnected(Host, Port, options.Security.ToString(), client.Capabilities.HasFlag(SmtpCapabilities.Pipelining));
            if (Interlocked.Exchange(ref _relayDown, 0) == 1)
            {
                logger.SmtpRelayBack(Host, Port);
            }
            ready = true;
            return client;
        }
        finally
        {
            if (!ready)
            {
                client.Dispose();
            }
        }
    }

    private static SecureSocketOptions SocketOptions(SmtpSecurity security) => security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => throw new ArgumentOutOfRangeException(nameof(security), security, "Unknown SMTP security."),
    };

    private sealed record IdleClient(SmtpClient Client, long Since);
}
