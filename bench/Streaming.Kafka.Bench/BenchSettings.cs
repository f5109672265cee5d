using System.Globalization;
using Orleans.Configuration;

namespace BillForU.Streaming.Kafka.Bench;

/// <summary>The workload, from the command line: <c>--events N --streams N --partitions N --batches 1,100 --window N --linger MS</c>.</summary>
public sealed record BenchSettings(int Events, int Streams, int Partitions, IReadOnlyList<int> Batches, int Window, int LingerMs)
{
    public static BenchSettings Parse(string[] args)
    {
        var settings = new BenchSettings(Events: 1_000_000, Streams: 1_000, Partitions: 8, Batches: [1, 100], Window: 16_000, LingerMs: KafkaStreamOptions.DefaultProducerLingerMs);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            settings = args[i] switch
            {
                "--events" => settings with { Events = Number(value) },
                "--streams" => settings with { Streams = Number(value) },
                "--partitions" => settings with { Partitions = Number(value) },
                "--batches" => settings with { Batches = value.Split(',').Select(Number).ToList() },
                "--window" => settings with { Window = Number(value) },
                "--linger" => settings with { LingerMs = Number(value) },
                _ => throw new ArgumentException($"Unknown argument {args[i]}"),
            };
        }

        if (settings.Events % settings.Streams != 0 || settings.Batches.Any(batch => settings.Events / settings.Streams % batch != 0))
        {
            throw new ArgumentException("Events must divide evenly over the streams, and each stream's events into batches.");
        }

        return settings;
    }

    public int EventsPerStream => Events / Streams;

    private static int Number(string value) => int.Parse(value, CultureInfo.InvariantCulture);
}
