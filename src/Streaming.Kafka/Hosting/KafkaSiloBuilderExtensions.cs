using BillForU.Streaming.Kafka.Streams;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Orleans.Hosting;

/// <summary>Registers the Kafka persistent stream provider on a silo.</summary>
public static class KafkaSiloBuilderExtensions
{
    /// <summary>
    /// Adds a persistent stream provider named <paramref name="name"/> backed by Kafka: one Orleans
    /// queue per partition, at-least-once delivery with contiguous offset commits, failover and
    /// dead-letter topics. Bind the options from configuration with
    /// <c>options => options.BindConfiguration("section")</c>.
    /// </summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="name">The stream provider name.</param>
    /// <param name="configureOptions">Configures <see cref="KafkaStreamOptions"/>.</param>
    /// <param name="configureStream">Further stream settings: pub-sub type, pulling agent, balancer.</param>
    /// <returns>The silo builder.</returns>
    public static ISiloBuilder AddKafkaStreams(
        this ISiloBuilder builder,
        string name,
        Action<OptionsBuilder<KafkaStreamOptions>> configureOptions,
        Action<ISiloPersistentStreamConfigurator>? configureStream = null)
    {
        builder.AddPersistentStreams(name, KafkaQueueAdapterFactory.Create, stream =>
        {
            stream.Configure(configureOptions);
            stream.ConfigureDelegate(services =>
            {
                KafkaStreamServices.Add(services, name);
                services.AddSingleton<IConfigurationValidator>(sp => new KafkaStreamOptionsValidator(
                    sp.GetOptionsByName<KafkaStreamOptions>(name), name, sp.GetOptionsByName<StreamPullingAgentOptions>(name)));
            });
            configureStream?.Invoke(stream);
        });
        return builder;
    }

    /// <inheritdoc cref="AddKafkaStreams(ISiloBuilder, string, Action{OptionsBuilder{KafkaStreamOptions}}, Action{ISiloPersistentStreamConfigurator}?)"/>
    public static ISiloBuilder AddKafkaStreams(
        this ISiloBuilder builder,
        string name,
        Action<KafkaStreamOptions> configureOptions,
        Action<ISiloPersistentStreamConfigurator>? configureStream = null) =>
        builder.AddKafkaStreams(name, options => options.Configure(configureOptions), configureStream);
}
