using BillForU.Storage.Notifications;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BillForU.Grains.Notifications;

/// <summary>
/// The durable wake-up of the embedded mode, whose reminders live in process memory: notices a previous process left
/// waiting (deferred, scheduled, retrying) are handed to their grains when they fall due, read in due order from the
/// delivery rows' due-time index. Nothing is activated before it is due, so a restart with a night's notices waiting
/// costs nothing until 08:00. Rows written by this process are left alone: their grains set reminders of their own.
/// </summary>
public sealed partial class DueNoticeScanner(
    IDeliveryStore deliveries,
    IReconciliationStore bills,
    NoticeHandOver handOver,
    TimeProvider time,
    ILogger<DueNoticeScanner> logger) : BackgroundService
{
    private const int PageSize = 500;

    // Reminders are minute-grained: a few seconds late is well inside what a waiting notice is promised.
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(5);

    private long _woken;

    /// <summary>Notices woken so far.</summary>
    public long Woken => Interlocked.Read(ref _woken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var startedAt = time.GetUtcNow().UtcDateTime;
        var (afterDue, afterBill) = (DateTime.UnixEpoch, 0L);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var page = await deliveries.ListDueAsync(afterDue, afterBill, time.GetUtcNow().UtcDateTime, startedAt, PageSize, stoppingToken);
                if (page.Count == 0)
                {
                    await Task.Delay(Period, time, stoppingToken);
                    continue;
                }
                var billIds = page.Select(s => s.BillId).Distinct().ToArray();
                var known = (await deliveries.GetStatesAsync(billIds, stoppingToken)).ToLookup(s => s.BillId);
                await handOver.HandOverAsync(await bills.GetBillHeadersAsync(billIds, stoppingToken), known, stoppingToken);
                (afterDue, afterBill) = (page[^1].NextAttemptAt!.Value, page[^1].BillId);
                Interlocked.Add(ref _woken, billIds.Length);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The cursor stays where it was: the page is read again once the store answers.
                LogScanFailed(e.Message);
                await Task.Delay(Period, time, stoppingToken).ContinueWith(static _ => { }, TaskScheduler.Default);
            }
        }
    }

    [LoggerMessage(2203, LogLevel.Warning, "Waking due notices failed, trying again shortly: {Error}")]
    private partial void LogScanFailed(string error);
}
