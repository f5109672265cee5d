namespace BillForU.Storage.Notifications;

/// <summary>
/// What became of a month's bills' notices: every bill counted once by its outcome, the bills with no notice record
/// (the first of them by id), and the notices the delivery log has as sent more than once.
/// </summary>
public sealed record MonthReconciliation(
    string Month,
    long Bills,
    IReadOnlyList<BillNoticeCount> Statuses,
    IReadOnlyList<long> FirstMissingBillIds,
    long NoticesSentMoreThanOnce,
    IReadOnlyList<string> FirstRepeatedNoticeIds)
{
    public long Count(BillNoticeStatus status) => Statuses.FirstOrDefault(o => o.Status == status)?.Bills ?? 0;

    /// <summary>Every bill is handed over: none is missing a notice record.</summary>
    public bool NothingMissing => Count(BillNoticeStatus.Missing) == 0;
}
