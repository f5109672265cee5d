using System.Globalization;
using BillForU.Storage.Notifications;

namespace BillForU.Silo.Jobs;

/// <summary>A month's reconciliation as the command prints it: one line per outcome, waits in the operator's zone.</summary>
public sealed class ReconciliationPrinter(TextWriter output, TimeZoneInfo zone)
{
    public void Print(MonthReconciliation report)
    {
        output.WriteLine($"{report.Month}: {report.Bills:N0} bills");
        foreach (var status in Enum.GetValues<BillNoticeStatus>())
        {
            var count = report.Statuses.FirstOrDefault(s => s.Status == status);
            output.WriteLine($"  {Label(status),-14}{count?.Bills ?? 0,12:N0}{Detail(status, count, report)}");
        }
        output.WriteLine($"  notices sent more than once: {report.NoticesSentMoreThanOnce:N0}{List(report.FirstRepeatedNoticeIds)}");
        output.WriteLine(report.NothingMissing
            ? "Every bill has its notice: sent, waiting to a known time, or dead-lettered."
            : $"{report.Count(BillNoticeStatus.Missing):N0} bills have no notice record; reconcile --repair hands them over.");
    }

    private string Detail(BillNoticeStatus status, BillNoticeCount? count, MonthReconciliation report) => status switch
    {
        BillNoticeStatus.Missing => List(report.FirstMissingBillIds.Select(id => id.ToString(CultureInfo.InvariantCulture)).ToArray()),
        BillNoticeStatus.Waiting or BillNoticeStatus.Retrying when count?.EarliestDue is { } first =>
            $"  due {Local(first)}{(count.LatestDue is { } last && last != first ? $" to {Local(last)}" : "")}",
        _ => "",
    };

    private static string List(IReadOnlyList<string> ids) => ids.Count == 0 ? "" : $"  first: {string.Join(", ", ids)}";

    private string Local(DateTime utc) =>
        TimeZoneInfo.ConvertTime(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)), zone).ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture);

    private static string Label(BillNoticeStatus status) => status switch
    {
        BillNoticeStatus.DeadLettered => "dead-lettered",
        BillNoticeStatus.InFlight => "in flight",
        _ => status.ToString().ToLowerInvariant(),
    };
}
