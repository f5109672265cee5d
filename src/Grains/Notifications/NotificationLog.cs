using BillForU.Domain.Customers;
using Microsoft.Extensions.Logging;

namespace BillForU.Grains.Notifications;

internal static partial class NotificationLog
{
    [LoggerMessage(2001, LogLevel.Debug, "Bill {BillId}: duplicate event ignored")]
    public static partial void DuplicateIgnored(this ILogger logger, long billId);

    [LoggerMessage(2002, LogLevel.Debug, "Bill {BillId}: {Channel} sent to {MaskedAddress} after {Attempts} attempt(s)")]
    public static partial void Sent(this ILogger logger, long billId, Channel channel, string maskedAddress, int attempts);

    [LoggerMessage(2003, LogLevel.Warning, "Bill {BillId}: {Channel} attempt {Attempt} failed: {Error}")]
    public static partial void AttemptFailed(this ILogger logger, long billId, Channel channel, int attempt, string? error);

    [LoggerMessage(2004, LogLevel.Warning, "Bill {BillId}: every channel failed; dead-lettered")]
    public static partial void DeadLettered(this ILogger logger, long billId);

    [LoggerMessage(2005, LogLevel.Warning, "Bill {BillId}: contact of user {UserId} for {Channel} could not be read: {Error}")]
    public static partial void ContactUnreadable(this ILogger logger, long billId, long userId, Channel channel, string error);
}
