using Orleans.Streams;
using Orleans.Streams.Core;

namespace BillForU.Streaming.Kafka.Bench;

/// <summary>Counts what it receives; the work per event is deliberately tiny so the stream path is what is measured.</summary>
[ImplicitStreamSubscription(BenchEvent.Namespace)]
public sealed class BenchConsumerGrain(DeliveryCounter counter) : Grain, IBenchConsumerGrain, IStreamSubscriptionObserver, IAsyncObserver<BenchEvent>
{
    public Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        handleFactory.Create<BenchEvent>().ResumeAsync(this);

    public Task OnNextAsync(BenchEvent item, StreamSequenceToken? token = null)
    {
        counter.Delivered();
        return Task.CompletedTask;
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;
}
