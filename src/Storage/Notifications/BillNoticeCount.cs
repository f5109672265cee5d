namespace BillForU.Storage.Notifications;

/// <summary>Bills of a month with one notice status; for the waiting ones, the earliest and latest time they wait for.</summary>
public sealed record BillNoticeCount(BillNoticeStatus Status, long Bills, DateTime? EarliestDue, DateTime? LatestDue);
