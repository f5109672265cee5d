using BillForU.Domain.Notifications;

namespace BillForU.Admin.Contracts;

/// <param name="Outcomes">Delivery steps that ended in each status.</param>
public sealed record NoticeCounters(long Accepted, long Duplicates, long InFlight, long Fallbacks, IReadOnlyDictionary<NotificationStatus, long> Outcomes);
