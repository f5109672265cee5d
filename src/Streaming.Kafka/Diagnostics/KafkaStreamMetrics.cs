using System.Diagnostics.Metrics;

namespace BillForU.Streaming.Kafka.Diagnostics;

/// <summary>
/// Counters of the events that left the normal path, so that data loss and poison traffic show
/// on dashboards instead of only in logs.
/// </summary>
public static class KafkaStreamMetrics
{
    /// <summary>Name of the meter that owns the provider's instruments.</summary>
    public const string MeterName = "BillForU.Streaming.Kafka";

    /// <summary>Offsets a consumer skipped because retention removed them before they were read.</summary>
    public const string OffsetsSkippedName = "kafka.stream.offsets_skipped";

    /// <summary>Events handed to the failover topic after a failed delivery.</summary>
    public const string FailedOverName = "kafka.stream.failed_over";

    /// <summary>Events written to the dead-letter topic.</summary>
    public const string DeadLetteredName = "kafka.stream.dead_lettered";

    private static readonly Meter Meter = new(MeterName);

    internal static readonly Counter<long> OffsetsSkipped =
        Meter.CreateCounter<long>(OffsetsSkippedName, "{offset}", "Offsets skipped by an out-of-range reset (data loss).");

    internal static readonly Counter<long> FailedOver =
        Meter.CreateCounter<long>(FailedOverName, "{event}", "Deliveries handed to the failover topic.");

    internal static readonly Counter<long> DeadLettered =
        Meter.CreateCounter<long>(DeadLetteredName, "{event}", "Events written to the dead-letter topic.");
}
