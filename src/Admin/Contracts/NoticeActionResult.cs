namespace BillForU.Admin.Contracts;

/// <param name="Action">retry, replay, reschedule or cancel.</param>
/// <param name="Status">Where to watch the notice: the bill's detail.</param>
public sealed record NoticeActionResult(long BillId, string Action, string Status);
