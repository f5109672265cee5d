using System.Globalization;
using BillForU.Kafka.MockCluster;
using BillForU.Streaming.Kafka.Bench;
using Orleans.Streams;

// Kafka provider vs Orleans memory streams vs a raw Confluent consumer, same workload, one run.
// Uses KAFKA_BOOTSTRAP when set, otherwise librdkafka's mock cluster in this process.
var settings = BenchSettings.Parse(args);
using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(25));
var realBootstrap = Environment.GetEnvironmentVariable("KAFKA_BOOTSTRAP");
using var mock = string.IsNullOrWhiteSpace(realBootstrap) ? MockKafkaCluster.Start(brokerCount: 3) : null;
var bootstrap = mock?.BootstrapServers ?? realBootstrap!;

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"workload: {settings.Events:N0} events on {settings.Streams:N0} streams to active implicit-subscriber grains; " +
    $"{settings.Partitions} Kafka partitions / memory queues; producer linger {settings.LingerMs} ms; window {settings.Window:N0} events published but not delivered; " +
    $"{Environment.ProcessorCount} cores; brokers: {(mock is null ? bootstrap : "librdkafka mock cluster, 3 brokers")}"));

var portOffset = 0;
foreach (var batch in settings.Batches)
{
    var topic = $"bench-{batch}-{Guid.NewGuid():N}";
    if (mock is not null)
    {
        mock.CreateTopic(topic, settings.Partitions);
        mock.CreateTopic($"{topic}-failover", 1);
        mock.CreateTopic($"{topic}-dlt", 1);
    }

    var memory = await OrleansStreamRun.RunAsync(
        "Orleans memory streams",
        "memory",
        silo => silo.AddMemoryStreams("memory", stream =>
        {
            stream.ConfigurePartitioning(settings.Partitions);
            stream.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly);
        }),
        settings,
        batch,
        portOffset++,
        stop.Token);

    var kafka = await OrleansStreamRun.RunAsync(
        "Kafka provider",
        "kafka",
        silo => silo.AddKafkaStreams(
            "kafka",
            options =>
            {
                options.BootstrapServers = bootstrap;
                options.Topic = topic;
                options.TopicPartitions = settings.Partitions;
                options.FailoverTopicPartitions = 1;
                options.ReplicationFactor = 1;
                options.ProducerLingerMs = settings.LingerMs;
                options.ConsumerSettings["fetch.wait.max.ms"] = RawConsumerRun.FetchWaitMaxMs;
            },
            stream => stream.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly)),
        settings,
        batch,
        portOffset++,
        stop.Token);

    var raw = await RawConsumerRun.RunAsync(bootstrap, topic, settings, batch, stop.Token);

    Console.WriteLine();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{batch} event(s) per message (OnNext{(batch == 1 ? "" : "Batch")}Async, same for both providers):"));
    foreach (var result in new[] { memory, kafka, raw })
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {result.Name,-34} {result.EventsPerSecond,12:N0} events/s   {result.Elapsed.TotalSeconds,7:N1} s"));
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  Kafka provider / memory streams = {kafka.EventsPerSecond / memory.EventsPerSecond:N2}x; Kafka provider / raw ceiling = {kafka.EventsPerSecond / raw.EventsPerSecond:N2}x"));
}
