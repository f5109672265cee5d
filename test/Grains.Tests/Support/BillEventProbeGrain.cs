using System.Collections.Concurrent;
using BillForU.Grains.Interfaces;
using BillForU.Grains.Interfaces.Billing;
using Orleans.Streams;
using Orleans.Streams.Core;

namespace BillForU.Grains.Tests.Support;

public interface IBillEventProbeGrain : IGrainWithStringKey;

/// <summary>Subscribes to every settlement stream and records which bills' events arrived, per test database.</summary>
[ImplicitStreamSubscription(Constants.BillingStreamNamespace)]
public sealed class BillEventProbeGrain : Grain, IBillEventProbeGrain, IStreamSubscriptionObserver, IAsyncObserver<BillEventBatch>
{
    public static ConcurrentDictionary<long, int> Received { get; } = new();

    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        await handleFactory.Create<BillEventBatch>().ResumeAsync(this);

    public Task OnNextAsync(BillEventBatch item, StreamSequenceToken? token = null)
    {
        foreach (var billEvent in item.Events)
        {
            Received.AddOrUpdate(billEvent.BillId, 1, (_, count) => count + 1);
        }
        return Task.CompletedTask;
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;
}
