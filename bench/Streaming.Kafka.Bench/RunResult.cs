namespace BillForU.Streaming.Kafka.Bench;

/// <summary>One measured run.</summary>
public sealed record RunResult(string Name, long Events, TimeSpan Elapsed)
{
    public double EventsPerSecond => Events / Elapsed.TotalSeconds;
}
