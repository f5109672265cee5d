using Orleans.Streams;
using Orleans.Streams.Core;

namespace BillForU.Streaming.Kafka.Tests.Infrastructure;

/// <summary>Records every delivery in the test's <see cref="DeliveryLog"/>; throws where the event asks it to.</summary>
[ImplicitStreamSubscription(ProbeEvent.Namespace)]
public sealed class ProbeConsumerGrain(DeliveryLog log) : Grain, IProbeConsumerGrain, IStreamSubscriptionObserver, IAsyncObserver<ProbeEvent>
{
    private readonly Dictionary<int, DateTime> _firstSeen = [];

    public Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        handleFactory.Create<ProbeEvent>().ResumeAsync(this);

    public Task OnNextAsync(ProbeEvent item, StreamSequenceToken? token = null)
    {
        if (item.FailForMilliseconds != 0)
        {
            var now = DateTime.UtcNow;
            if (!_firstSeen.TryGetValue(item.Sequence, out var first))
            {
                _firstSeen[item.Sequence] = first = now;
            }

            if (item.FailForMilliseconds < 0 || now - first < TimeSpan.FromMilliseconds(item.FailForMilliseconds))
            {
                log.RecordFailure(item);
                throw new InvalidOperationException($"Probe {item.Stream}/{item.Sequence} refused on purpose.");
            }
        }

        log.Record(item, RequestContext.Get(ProbeCluster.RedeliveryContextKey) is true);
        return Task.CompletedTask;
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;
}
