using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Streams;

namespace BillForU.Streaming.Kafka.Bench;

/// <summary>
/// One silo with one stream provider: activates a consumer grain per stream with a warm-up event,
/// then times <see cref="BenchSettings.Events"/> events from the first publish to the last delivery.
/// Publishing uses the silo's own cluster client, the same path for every provider.
/// </summary>
public static class OrleansStreamRun
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    public static async Task<RunResult> RunAsync(
        string name, string providerName, Action<ISiloBuilder> addProvider, BenchSettings settings, int batch, int portOffset, CancellationToken cancellationToken)
    {
        var counter = new DeliveryCounter(settings.Window);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // Back-to-back silos in one process make the watchdog report the previous silo's stopped thread.
        builder.Logging.AddFilter("Orleans.Runtime.Watchdog", LogLevel.Error);
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(siloPort: 21111 + portOffset, gatewayPort: 31000 + portOffset);
            silo.Services.AddSingleton(counter);
            addProvider(silo);
        });
        using var host = builder.Build();
        await host.StartAsync(cancellationToken);
        try
        {
            var streams = host.Services.GetRequiredService<IClusterClient>().GetStreamProvider(providerName);

            var warmedUp = counter.Expect(settings.Streams);
            await PublishAsync(streams, counter, settings.Streams, eventsPerStream: 1, batch: 1, firstSequence: 0, cancellationToken);
            await warmedUp.WaitAsync(Timeout, cancellationToken);

            var delivered = counter.Expect(settings.Events);
            var clock = Stopwatch.StartNew();
            await PublishAsync(streams, counter, settings.Streams, settings.EventsPerStream, batch, firstSequence: 1, cancellationToken);
            await delivered.WaitAsync(Timeout, cancellationToken);
            return new RunResult(name, settings.Events, clock.Elapsed);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    private static Task PublishAsync(
        IStreamProvider streams, DeliveryCounter counter, int streamCount, int eventsPerStream, int batch, int firstSequence, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(
            Enumerable.Range(0, streamCount),
            new ParallelOptions { MaxDegreeOfParallelism = streamCount, CancellationToken = cancellationToken },
            async (key, token) =>
            {
                var stream = streams.GetStream<BenchEvent>(StreamId.Create(BenchEvent.Namespace, key));
                for (var sequence = firstSequence; sequence < firstSequence + eventsPerStream; sequence += batch)
                {
                    await counter.ReserveAsync(batch, token);
                    if (batch == 1)
                    {
                        await stream.OnNextAsync(Event(key, sequence));
                    }
                    else
                    {
                        await stream.OnNextBatchAsync(Enumerable.Range(sequence, batch).Select(s => Event(key, s)).ToList());
                    }
                }
            });

    private static BenchEvent Event(long key, int sequence) => new(key, sequence, 1_000 + sequence, new DateTime(2025, 1, 31, 0, 0, 0, DateTimeKind.Utc));
}
