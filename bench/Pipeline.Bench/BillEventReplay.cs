using System.Threading.Channels;
using BillForU.Domain.Billing;
using BillForU.Grains.Billing;
using BillForU.Grains.Interfaces;
using BillForU.Storage;

namespace BillForU.Pipeline.Bench;

/// <summary>
/// Publishes the events of a month's stored bills again over several streams, as settlement's partitions do,
/// so the notification pipeline can be measured on its own: bills in the store → notices. One reader pages
/// through the bills while the publishers send what it has read.
/// </summary>
/// <param name="taken">Events the notification grains have taken so far; publishing keeps at most <paramref name="window"/> ahead
/// of it, as a Kafka topic on librdkafka's mock brokers (5 MiB a partition) loses what lags further.</param>
public sealed class BillEventReplay(IBillRepository bills, IClusterClient client, Func<long> taken, long window)
{
    private const int Page = 5_000;
    private const int EventBatch = 500;

    public async Task<long> PublishAsync(BillingMonth month, int streams, CancellationToken cancellationToken)
    {
        var provider = client.GetStreamProvider(Constants.BillingStreamProvider);
        var pages = Channel.CreateBounded<IReadOnlyList<BillHeader>>(streams * 2);
        var reader = Task.Run(async () =>
        {
            try
            {
                for (var after = 0L; ;)
                {
                    var page = await bills.ListBillsAsync(month, after, Page, cancellationToken);
                    if (page.Count == 0)
                    {
                        break;
                    }
                    await pages.Writer.WriteAsync(page, cancellationToken);
                    after = page[^1].UserId;
                }
            }
            finally
            {
                pages.Writer.Complete();
            }
        }, cancellationToken);
        var published = 0L;
        await Task.WhenAll(Enumerable.Range(0, streams).Select(async stream =>
        {
            var publisher = new BillEventPublisher(provider, $"replay-{month}", stream, EventBatch);
            await foreach (var page in pages.Reader.ReadAllAsync(cancellationToken))
            {
                while (Interlocked.Read(ref published) - taken() > window)
                {
                    await Task.Delay(5, cancellationToken);
                }
                Interlocked.Add(ref published, await publisher.PublishAsync(page));
            }
        }).Append(reader));
        return published;
    }
}
