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

    public IEnumerable<Tuple<T, StreamSequenceToken>> GetEvents<T>()
    {
        var token = _sequenceToken ?? Unsequenced;
        return _events.OfType<T>().Select((item, index) => Tuple.Create<T, StreamSequenceToken>(item, token.CreateSequenceTokenForEvent(index)));
    }

    public bool ImportRequestContext()
    {
        if (_requestContext is not { Count: > 0 })
        {
            return false;
        }

        RequestContextExtensions.Import(_requestContext);
        return true;
    }
}
