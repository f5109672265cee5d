using BillForU.Domain.Notifications;

namespace BillForU.Storage.Notifications;

/// <param name="Hour">Start of the UTC hour.</param>
public sealed record HourlyCount(DateTime Hour, NotificationStatus Status, long Count);
