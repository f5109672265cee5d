using BillForU.Domain.Billing;
using BillForU.Storage;

namespace BillForU.Grains.Tests.Support;

/// <summary>
/// Wraps the real repository and fails chosen chunk writes, or holds them at a gate, to interrupt
/// settlement the way a lost database connection or a slow disk would.
/// </summary>
public sealed class FaultyBillRepository(IBillRepository inner) : IBillRepository
{
    private int _writeAttempts;
    private int _writesCommitted;

    /// <summary>Write attempts (1-based) that throw instead of writing.</summary>
    public Func<int, bool> FailWrite { get; set; } = _ => false;

    /// <summary>What a failing write throws, given its message: by default an <see cref="IOException"/>.</summary>
    public Func<string, Exception> Failure { get; set; } = message => new IOException(message);

    /// <summary>Every write waits for this before it starts.</summary>
    public Task Gate { get; set; } = Task.CompletedTask;

    public int WritesCommitted => _writesCommitted;

    public async Task WriteChunkAsync(BillChunk chunk, CancellationToken cancellationToken)
    {
        await Gate.WaitAsync(cancellationToken);
        if (FailWrite(Interlocked.Increment(ref _writeAttempts)))
        {
            throw Failure($"Injected failure writing chunk ({chunk.AfterUserId}, {chunk.LastUserId}] of partition {chunk.Partition}.");
        }
        await inner.WriteChunkAsync(chunk, cancellationToken);
        Interlocked.Increment(ref _writesCommitted);
    }

    public Task<int> MarkEventsPublishedAsync(BillingMonth month, long afterUserId, long lastUserId, DateTime publishedAt, CancellationToken cancellationToken) =>
        inner.MarkEventsPublishedAsync(month, afterUserId, lastUserId, publishedAt, cancellationToken);

    public Task<IReadOnlyList<BillHeader>> ReadUnpublishedAsync(BillingMonth month, long afterUserId, long lastUserId, int max, CancellationToken cancellationToken) =>
        inner.ReadUnpublishedAsync(month, afterUserId, lastUserId, max, cancellationToken);

    public Task<MonthSummary> GetMonthSummaryAsync(BillingMonth month, CancellationToken cancellationToken) =>
        inner.GetMonthSummaryAsync(month, cancellationToken);

    public Task<StoredBill?> GetBillAsync(long billId, CancellationToken cancellationToken) =>
        inner.GetBillAsync(billId, cancellationToken);

    public Task<IReadOnlyList<BillHeader>> ListBillsAsync(BillingMonth month, long afterUserId, int limit, CancellationToken cancellationToken) =>
        inner.ListBillsAsync(month, afterUserId, limit, cancellationToken);
}
