using Microsoft.Extensions.Options;

namespace BillForU.Grains.Notifications;

/// <summary>
/// The cancellation token a send is given: it fires <see cref="NotificationOptions.SendTimeout"/> after it is handed
/// out, up to a quarter of a second late, and every send of the same quarter second shares it. A token per send starts
/// and stops a timer per send, and at thousands of sends a second the runtime's timer-queue lock is then contended by
/// every grain of the silo.
/// </summary>
public sealed class SendDeadlines(IOptions<NotificationOptions> options)
{
    private const long ResolutionMs = 250;

    private readonly TimeSpan _delay = options.Value.SendTimeout + TimeSpan.FromMilliseconds(ResolutionMs);
    private Tick? _tick;

    public CancellationToken Next()
    {
        var now = Environment.TickCount64;
        var tick = Volatile.Read(ref _tick);
        if (tick is null || now >= tick.Until)
        {
            // Fired tokens' sources are left to the collector: their one-shot timers are gone once they fire.
            var fresh = new Tick(new CancellationTokenSource(_delay), now + ResolutionMs);
            var seen = Interlocked.CompareExchange(ref _tick, fresh, tick);
            if (ReferenceEquals(seen, tick))
            {
                tick = fresh;
            }
            else
            {
                fresh.Source.Dispose();
                tick = seen!;
            }
        }
        return tick.Source.Token;
    }

    private sealed record Tick(CancellationTokenSource Source, long Until);
}
