using System.Diagnostics;
using System.Diagnostics.Metrics;
using BillForU.Domain.Billing;
using BillForU.Domain.Settlement;

namespace BillForU.Grains.Settlement;

/// <summary>
/// What this silo's settlement grains did, as OpenTelemetry instruments (meter <c>BillForU.Settlement</c>): bills
/// written, whose rate is the settlement rate, chunks committed, and runs finished with how long they took. By billing
/// month, a dozen values a year. The running totals are what a silo reports of itself, so an operator sees how a
/// month's work was shared between silos — and that a silo added mid-run, or left alive after a crash, took its part.
/// </summary>
public sealed class SettlementMetrics : IDisposable
{
    public const string MeterName = "BillForU.Settlement";

    private readonly Meter _meter = new(MeterName);
    private readonly Counter<long> _bills;
    private readonly Counter<long> _chunks;
    private readonly Counter<long> _runs;
    private long _billsTotal;
    private long _chunksTotal;
    private readonly Histogram<double> _runDuration;

    public SettlementMetrics()
    {
        _bills = _meter.CreateCounter<long>(
            "billforu.settlement.bills", "{bill}", "Bills written by committed settlement chunks (a forced re-run writes them again).");
        _chunks = _meter.CreateCounter<long>("billforu.settlement.chunks", "{chunk}", "Settlement chunks committed by this silo's partitions.");
        _runs = _meter.CreateCounter<long>("billforu.settlement.runs", "{run}", "Settlement runs ended, by outcome.");
        // A month takes seconds on a few thousand users and about a minute on a million.
        _runDuration = _meter.CreateHistogram(
            "billforu.settlement.run.duration", "s", "From a run's first start to its end, resumptions included.", tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [1, 2, 5, 10, 20, 30, 60, 90, 120, 180, 300, 600, 1800, 3600] });
    }

    /// <summary>Bills this silo's partitions have committed since it started.</summary>
    public long Bills => Interlocked.Read(ref _billsTotal);

    /// <summary>Chunks this silo's partitions have committed since it started.</summary>
    public long Chunks => Interlocked.Read(ref _chunksTotal);

    public void ChunkWritten(BillingMonth month, int bills)
    {
        Interlocked.Add(ref _billsTotal, bills);
        Interlocked.Increment(ref _chunksTotal);
        var tag = new KeyValuePair<string, object?>("month", month.ToString());
        _bills.Add(bills, tag);
        _chunks.Add(1, tag);
    }

    public void RunEnded(BillingMonth month, SettlementRunStatus status, TimeSpan duration)
    {
        var tags = new TagList { { "month", month.ToString() }, { "status", status.ToString() } };
        _runs.Add(1, tags);
        _runDuration.Record(duration.TotalSeconds, tags);
    }

    public void Dispose() => _meter.Dispose();
}
