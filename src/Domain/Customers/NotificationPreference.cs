namespace BillForU.Domain.Customers;

/// <param name="Priority">1 = primary channel, 2 = fallback.</param>
/// <param name="QuietWindow">The user's own quiet hours for this channel; null = the channel's system policy.</param>
/// <param name="SendDay">Preferred day of the month (1–28) for the bill notice; null = as soon as settled.</param>
/// <param name="SendTime">Preferred local time on <paramref name="SendDay"/>.</param>
public sealed record NotificationPreference(
    long UserId,
    Channel Channel,
    bool Enabled,
    int Priority,
    TimeWindow? QuietWindow,
    int? SendDay,
    TimeOnly? SendTime);
