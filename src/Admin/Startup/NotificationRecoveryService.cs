using BillForU.Grains.Notifications;

namespace BillForU.Admin.Startup;

/// <summary>
/// The embedded silo keeps grain state in memory: after a restart, notices that were still waiting
/// (deferred, scheduled, retrying) are handed back to their grains from the delivery log, as the Silo CLI does.
/// </summary>
public sealed partial class NotificationRecoveryService(NotificationRecovery recovery, ILogger<NotificationRecoveryService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var recovered = await recovery.RecoverAsync(cancellationToken);
        if (recovered > 0)
        {
            LogResumed(recovered);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(3001, LogLevel.Information, "Resumed {Count} unfinished notices left by the previous run")]
    private partial void LogResumed(int count);
}
