using System.Diagnostics;
using System.Diagnostics.Metrics;
using BillForU.Domain.Billing;
using BillForU.Domain.Settlement;

namespace BillForU.Grains.Settlement;

/// <summary>
/// What this silo's settlement grains did, as OpenTelemetry instruments (meter <c>BillForU.Settlement</c>): bills
/// written, whose rate is the settlement rate, and runs finished with how long they took. By billing month, a
/// dozen values a year.
/// </summary>
public sealed class SettlementMetrics : IDisposable
{
    public const string MeterName = "BillForU.Settlement";

    private readonly Meter _meter = new(MeterName);
    private readonly Counter<long> _bills;
    private readonly Counter<long> _runs;
    private readonly Histogram<double> _runDuration;

    public SettlementMetrics()
    {
        _bills = _meter.CreateCounter<long>(
            "billforu.settlement.bills", "{bill}", "Bills written by committed settlement chunks (a forced re-run writes them again).");
        _runs = _meter.CreateCounter<long>("billforu.settlement.runs", "{run}", "Settlement runs ended, by outcome.");
        // A month takes seconds on a few thousand users and about a minute on a million.
        _runDuration = _meter.CreateHistogram(
            "billforu.settlement.run.duration", "s", "From a run's first start to its end, resumptions included.", tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [1, 2, 5, 10, 20, 30, 60, 90, 120, 180, 300, 600, 1800, 3600] });
    }

    public void ChunkWritten(BillingMonth month, int bills) => _bills.Add(bills, new KeyValuePair<string, object?>("month", month.ToString()));

    public void RunEnded(BillingMonth month, SettlementRunStatus status, TimeSpan duration)
    {
        var tags = new TagList { { "month", month.ToString() }, { "status", status.ToString() } };
        _runs.Add(1, tags);
        _runDuration.Record(duration.TotalSeconds, tags);
    }

    public void Dispose() => _meter.Dispose();
}
