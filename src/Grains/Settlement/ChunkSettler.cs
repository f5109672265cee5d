using BillForU.Domain.Billing;
using BillForU.Storage;

namespace BillForU.Grains.Settlement;

/// <summary>
/// Reads, prices and writes one partition's chunks in order, reading the next chunk while the current one
/// is written. Runs off the grain's scheduler: the SQL drivers and pricing would otherwise hold the
/// activation's thread and starve its other turns.
/// </summary>
public sealed class ChunkSettler : IAsyncDisposable
{
    private readonly IBillingDataSource _source;
    private readonly IBillRepository _bills;
    private readonly BillPricing _pricing;
    private readonly SettlementWindow _window;
    private readonly int _partition;
    private readonly long _lastUserId;
    private readonly int _chunkSize;
    private readonly CancellationToken _cancellationToken;
    private Task<ChargesChunk>? _nextRead;
    private long _afterUserId;

    public ChunkSettler(
        IBillingDataSource source, IBillRepository bills, BillPricing pricing, SettlementWindow window,
        int partition, long afterUserId, long lastUserId, int chunkSize, CancellationToken cancellationToken)
    {
        (_source, _bills, _pricing, _window, _partition) = (source, bills, pricing, window, partition);
        (_afterUserId, _lastUserId, _chunkSize, _cancellationToken) = (afterUserId, lastUserId, chunkSize, cancellationToken);
        _nextRead = afterUserId < lastUserId ? ReadAhead(afterUserId) : null;
    }

    /// <returns>The next written chunk, or null when the partition is done.</returns>
    public async Task<SettledChunk?> NextAsync()
    {
        if (_nextRead is null)
        {
            return null;
        }
        var chunk = await _nextRead;
        _nextRead = chunk.LastUserId < _lastUserId ? ReadAhead(chunk.LastUserId) : null;

        var priced = new List<PricedBill>(chunk.Users.Count);
        foreach (var user in chunk.Users)
        {
            if (_pricing.Price(_window.Month, user) is { } bill)
            {
                priced.Add(bill);
            }
        }
        await _bills.WriteChunkAsync(new BillChunk(_window.Month, _partition, _afterUserId, chunk.LastUserId, priced), _cancellationToken);
        var settled = new SettledChunk(_afterUserId, chunk.LastUserId, priced);
        _afterUserId = chunk.LastUserId;
        return settled;
    }

    public async ValueTask DisposeAsync()
    {
        if (_nextRead is { IsCompleted: false } pending)
        {
            // A read-ahead abandoned by a failed or cancelled chunk: wait it out so it does not outlive
            // the attempt; its own outcome no longer matters.
            await pending.ContinueWith(static _ => { }, TaskScheduler.Default);
        }
    }

    private Task<ChargesChunk> ReadAhead(long afterUserId) =>
        Task.Run(() => _source.ReadChargesAsync(_window, afterUserId, _lastUserId, _chunkSize, _cancellationToken), _cancellationToken);
}
