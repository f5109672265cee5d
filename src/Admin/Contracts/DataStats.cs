using BillForU.Domain.Notifications;
using BillForU.Storage;

namespace BillForU.Admin.Contracts;

/// <param name="Notices">Delivery rows (one per bill and channel tried) by status.</param>
public sealed record DataStats(DatasetInfo? Dataset, RunItem? LatestRun, IReadOnlyDictionary<NotificationStatus, long> Notices, long NoticesTotal);
