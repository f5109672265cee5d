using BillForU.Grains.Notifications;

namespace BillForU.Admin.Startup;

/// <summary>
/// The embedded silo keeps grain state in memory: after a restart, notices left in flight go back to their grains and
/// settled bills without a notice record are handed over, as the Silo CLI does; waiting ones wake when due.
/// </summary>
public sealed partial class NotificationRecoveryService(NotificationRecovery recovery, ILogger<NotificationRecoveryService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var recovered = await recovery.RecoverAsync(cancellationToken);
        if (recovered.Total > 0)
        {
            LogResumed(recovered.Resumed, recovered.HandedOver);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(3001, LogLevel.Information, "Resumed {Resumed} notices left in flight and handed over {HandedOver} settled bills that had none")]
    private partial void LogResumed(int resumed, int handedOver);
}
