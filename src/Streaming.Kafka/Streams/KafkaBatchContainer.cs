using Orleans.Providers.Streams.Common;
using Orleans.Streams;

namespace BillForU.Streaming.Kafka.Streams;

/// <summary>
/// The value of one Kafka message: a batch of events of one stream, written with the Orleans
/// serializer so that any <c>[GenerateSerializer]</c> event type travels through Kafka.
/// </summary>
[GenerateSerializer]
[Alias("BillForU.Streaming.Kafka.KafkaBatchContainer")]
internal sealed class KafkaBatchContainer : IBatchContainer
{
    private static readonly EventSequenceTokenV2 Unsequenced = new(-1);

    [Id(0)]
    private readonly StreamId _streamId;

    [Id(1)]
    private readonly List<object> _events;

    [Id(2)]
    private readonly Dictionary<string, object>? _requestContext;

    // Not serialized: the Kafka offset is known only once the message is read back.
    [NonSerialized]
    private EventSequenceTokenV2? _sequenceToken;

    // Not serialized: whether a delivery may repeat an earlier one is known only where the message is read.
    [NonSerialized]
    private string? _redeliveryContextKey;

    // Deliveries so far, a record that may repeat an earlier one starting at one: every delivery past the first is marked.
    [NonSerialized]
    private int _deliveries;

    public KafkaBatchContainer(StreamId streamId, List<object> events, Dictionary<string, object>? requestContext)
    {
        _streamId = streamId;
        _events = events;
        _requestContext = requestContext;
    }

    public StreamId StreamId => _streamId;

    public StreamSequenceToken SequenceToken => _sequenceToken ?? Unsequenced;

    /// <summary>Offset of the Kafka message within its partition.</summary>
    public long Offset => _sequenceToken?.SequenceNumber ?? -1;

    public void SetOffset(long offset) => _sequenceToken = new EventSequenceTokenV2(offset);

    /// <summary>
    /// Delivers this batch with <paramref name="contextKey"/> set to <c>true</c> in the request context when it may repeat
    /// an earlier delivery: <paramref name="mayBeRedelivered"/> says so for the record, and every delivery after this
    /// object's first is a retry by the pulling agent (which keeps the object in its cache) of one that failed, perhaps
    /// after its consumer acted on it.
    /// </summary>
    public void TrackRedeliveries(string contextKey, bool mayBeRedelivered) =>
        (_redeliveryContextKey, _deliveries) = (contextKey, mayBeRedelivered ? 1 : 0);

    public IEnumerable<Tuple<T, StreamSequenceToken>> GetEvents<T>()
    {
        var token = _sequenceToken ?? Unsequenced;
        return _events.OfType<T>().Select((item, index) => Tuple.Create<T, StreamSequenceToken>(item, token.CreateSequenceTokenForEvent(index)));
    }

    public bool ImportRequestContext()
    {
        var imported = false;
        if (_requestContext is { Count: > 0 })
        {
            RequestContextExtensions.Import(_requestContext);
            imported = true;
        }

        if (_redeliveryContextKey is not null && Interlocked.Increment(ref _deliveries) > 1)
        {
            RequestContext.Set(_redeliveryContextKey, true);
            imported = true;
        }

        return imported;
    }
}
