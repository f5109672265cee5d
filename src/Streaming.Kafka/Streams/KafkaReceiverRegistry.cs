using System.Collections.Concurrent;
using Orleans.Streams;

namespace BillForU.Streaming.Kafka.Streams;

/// <summary>
/// The receivers running in this silo for one provider. Failure handlers are created before their
/// receiver, so they find it here; and the host's disposal stops readers whose queue was never shut
/// down (a killed silo), so no consumer thread outlives its silo.
/// </summary>
internal sealed class KafkaReceiverRegistry : IDisposable
{
    private readonly ConcurrentDictionary<QueueId, KafkaQueueReceiver> _receivers = new();

    /// <summary>Queues whose receivers run here now.</summary>
    public IReadOnlyCollection<QueueId> ActiveQueues => _receivers.Keys.ToList();

    public void Register(QueueId queueId, KafkaQueueReceiver receiver) => _receivers[queueId] = receiver;

    public void Unregister(QueueId queueId, KafkaQueueReceiver receiver) =>
        _receivers.TryRemove(new KeyValuePair<QueueId, KafkaQueueReceiver>(queueId, receiver));

    public bool TryGet(QueueId queueId, out KafkaQueueReceiver? receiver) => _receivers.TryGetValue(queueId, out receiver);

    public void Dispose()
    {
        foreach (var receiver in _receivers.Values)
        {
            receiver.Abort();
        }

        _receivers.Clear();
    }
}
