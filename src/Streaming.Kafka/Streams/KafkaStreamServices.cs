using BillForU.Streaming.Kafka.Clients;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace BillForU.Streaming.Kafka.Streams;

/// <summary>
/// Per-provider services shared by silos and clients. Keyed singletons so that the host's container
/// flushes the producer and stops the readers when it is disposed.
/// </summary>
internal static class KafkaStreamServices
{
    public static void Add(IServiceCollection services, string name)
    {
        services.AddKeyedSingleton(name, (sp, _) => new KafkaStreamProducer(
            sp.GetOptionsByName<KafkaStreamOptions>(name), name, sp.GetRequiredService<ILogger<KafkaStreamProducer>>()));
        services.AddKeyedSingleton(name, (_, _) => new KafkaReceiverRegistry());
        services.ConfigureNamedOptionForLogging<KafkaStreamOptions>(name);
    }
}
