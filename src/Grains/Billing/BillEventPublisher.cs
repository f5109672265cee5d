using BillForU.Grains.Interfaces;
using BillForU.Grains.Interfaces.Billing;
using BillForU.Domain.Billing;
using Orleans.Streams;

namespace BillForU.Grains.Billing;

/// <summary>Publishes bill events of one settlement partition to its <c>billing</c> stream, in batches.</summary>
public sealed class BillEventPublisher(IStreamProvider provider, string month, int partition, int batchSize)
{
    private readonly IAsyncStream<BillEventBatch> _stream =
        provider.GetStream<BillEventBatch>(StreamId.Create(Constants.BillingStreamNamespace, $"{month}/{partition}"));

    public async Task<int> PublishAsync(IReadOnlyList<BillHeader> bills)
    {
        for (var offset = 0; offset < bills.Count; offset += batchSize)
        {
            var count = Math.Min(batchSize, bills.Count - offset);
            var events = new BillEvent[count];
            for (var i = 0; i < count; i++)
            {
                events[i] = bills[offset + i].ToEvent();
            }
            await _stream.OnNextAsync(new BillEventBatch(events));
        }
        return bills.Count;
    }
}
