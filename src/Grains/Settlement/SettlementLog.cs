using Microsoft.Extensions.Logging;

namespace BillForU.Grains.Settlement;

internal static partial class SettlementLog
{
    [LoggerMessage(1001, LogLevel.Information, "Settlement {RunId} of {Month} started: {Partitions} partitions over users {MinUserId}..{MaxUserId}")]
    public static partial void RunStarted(this ILogger logger, string runId, string month, int partitions, long minUserId, long maxUserId);

    [LoggerMessage(1002, LogLevel.Information, "Settlement {RunId} of {Month} resumed from its checkpoints")]
    public static partial void RunResumed(this ILogger logger, string runId, string month);

    [LoggerMessage(1003, LogLevel.Information, "Settlement {RunId} of {Month} completed: {Bills} bills, {Events} events in {Seconds:F1} s")]
    public static partial void RunCompleted(this ILogger logger, string runId, string month, long bills, long events, double seconds);

    [LoggerMessage(1004, LogLevel.Error, "Settlement {RunId} of {Month} failed: {Error}")]
    public static partial void RunFailed(this ILogger logger, string runId, string month, string error);

    [LoggerMessage(1005, LogLevel.Warning, "Partition {Month}/{Partition} failed (attempt {Attempt}); it resumes from its checkpoint")]
    public static partial void PartitionFailed(this ILogger logger, Exception exception, string month, int partition, int attempt);

    [LoggerMessage(1006, LogLevel.Warning, "Polling partition {Month}/{Partition} failed; it is polled again on the next tick")]
    public static partial void PartitionPollFailed(this ILogger logger, Exception exception, string month, int partition);

    [LoggerMessage(1007, LogLevel.Information, "Partition {Month}/{Partition} republished {Count} bill events that were written but not yet published")]
    public static partial void EventsRepublished(this ILogger logger, string month, int partition, int count);

    [LoggerMessage(1008, LogLevel.Information, "Settlement {RunId} of {Month} cancelled")]
    public static partial void RunCancelled(this ILogger logger, string runId, string month);

    // Debug: the outage tracker logs the outage once; this only says which poll it cost.
    [LoggerMessage(1009, LogLevel.Debug, "Settlement poll of {Month} met a store outage ({Reason}); tried again on the next tick")]
    public static partial void PollMetOutage(this ILogger logger, string month, string reason);
}
