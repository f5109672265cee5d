using BillForU.Domain.Notifications;
using BillForU.Storage.Notifications;

namespace BillForU.Admin.Contracts;

/// <param name="Rows">One row per channel and status present.</param>
/// <param name="Totals">The rows summed by status.</param>
public sealed record StatusSummary(IReadOnlyList<StatusCount> Rows, IReadOnlyDictionary<NotificationStatus, long> Totals);
