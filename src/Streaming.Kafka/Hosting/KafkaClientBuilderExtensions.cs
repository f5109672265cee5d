using BillForU.Streaming.Kafka.Streams;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Orleans.Hosting;

/// <summary>Registers the Kafka persistent stream provider on a client, which produces straight to Kafka.</summary>
public static class KafkaClientBuilderExtensions
{
    /// <summary>
    /// Adds the Kafka stream provider named <paramref name="name"/> to a client. A client only
    /// produces: it needs the same topic settings as the silos and a connection to the brokers.
    /// </summary>
    /// <param name="builder">The client builder.</param>
    /// <param name="name">The stream provider name, the same as on the silos.</param>
    /// <param name="configureOptions">Configures <see cref="KafkaStreamOptions"/>.</param>
    /// <param name="configureStream">Further stream settings, such as the pub-sub type.</param>
    /// <returns>The client builder.</returns>
    public static IClientBuilder AddKafkaStreams(
        this IClientBuilder builder,
        string name,
        Action<OptionsBuilder<KafkaStreamOptions>> configureOptions,
        Action<IClusterClientPersistentStreamConfigurator>? configureStream = null)
    {
        builder.AddPersistentStreams(name, KafkaQueueAdapterFactory.Create, stream =>
        {
            stream.Configure(configureOptions);
            stream.ConfigureDelegate(services =>
            {
                KafkaStreamServices.Add(services, name);
                services.AddSingleton<IConfigurationValidator>(sp => new KafkaStreamOptionsValidator(sp.GetOptionsByName<KafkaStreamOptions>(name), name));
            });
            configureStream?.Invoke(stream);
        });
        return builder;
    }

    /// <inheritdoc cref="AddKafkaStreams(IClientBuilder, string, Action{OptionsBuilder{KafkaStreamOptions}}, Action{IClusterClientPersistentStreamConfigurator}?)"/>
    public static IClientBuilder AddKafkaStreams(
        this IClientBuilder builder,
        string name,
        Action<KafkaStreamOptions> configureOptions,
        Action<IClusterClientPersistentStreamConfigurator>? configureStream = null) =>
        builder.AddKafkaStreams(name, options => options.Configure(configureOptions), configureStream);
}
