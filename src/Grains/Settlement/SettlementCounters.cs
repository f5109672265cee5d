using System.Diagnostics.Metrics;

namespace BillForU.Grains.Settlement;

/// <summary>
/// What this silo's settlement partitions committed (meter <c>BillForU.Settlement</c>), and the running totals a
/// silo reports, so an operator can see how a month's work was shared between silos — and that a silo added
/// mid-run or left alive after a crash took its part.
/// </summary>
public sealed class SettlementCounters : IDisposable
{
    public const string MeterName = "BillForU.Settlement";

    private readonly Meter _meter = new(MeterName);
    private readonly Counter<long> _bills;
    private readonly Counter<long> _chunks;
    private long _billsTotal;
    private long _chunksTotal;

    public SettlementCounters()
    {
        _bills = _meter.CreateCounter<long>("billforu.settlement.bills", description: "Bills written by this silo's settlement partitions (committed chunks).");
        _chunks = _meter.CreateCounter<long>("billforu.settlement.chunks", description: "Settlement chunks committed by this silo.");
    }

    public long Bills => Interlocked.Read(ref _billsTotal);

    public long Chunks => Interlocked.Read(ref _chunksTotal);

    public void ChunkCommitted(int bills)
    {
        Interlocked.Add(ref _billsTotal, bills);
        Interlocked.Increment(ref _chunksTotal);
        _bills.Add(bills);
        _chunks.Add(1);
    }

    public void Dispose() => _meter.Dispose();
}
