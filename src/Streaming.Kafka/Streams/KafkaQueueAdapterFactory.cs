using BillForU.Streaming.Kafka.Clients;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Providers.Streams.Common;
using Orleans.Serialization;
using Orleans.Streams;

namespace BillForU.Streaming.Kafka.Streams;

/// <summary>
/// Entry point Orleans calls to build the provider: checks the topics at start, and reuses Orleans'
/// <see cref="SimpleQueueAdapterCache"/> (sized by <see cref="KafkaStreamOptions.CacheSize"/>) and hash-ring mapper.
/// </summary>
internal sealed class KafkaQueueAdapterFactory : IQueueAdapterFactory
{
    private readonly string _providerName;
    private readonly KafkaStreamOptions _options;
    private readonly IServiceProvider _services;
    private readonly ILoggerFactory _loggerFactory;
    private readonly KafkaQueueMapper _mapper;
    private readonly KafkaReceiverRegistry _registry;
    private readonly SimpleQueueAdapterCache _cache;

    private KafkaQueueAdapterFactory(string providerName, IServiceProvider services)
    {
        _providerName = providerName;
        _services = services;
        _options = services.GetOptionsByName<KafkaStreamOptions>(providerName);
        _loggerFactory = services.GetRequiredService<ILoggerFactory>();
        _mapper = new KafkaQueueMapper(_options, providerName);
        _registry = services.GetRequiredKeyedService<KafkaReceiverRegistry>(providerName);
        _cache = new SimpleQueueAdapterCache(new SimpleQueueCacheOptions { CacheSize = _options.CacheSize }, providerName, _loggerFactory);
    }

    public static IQueueAdapterFactory Create(IServiceProvider services, string providerName) => new KafkaQueueAdapterFactory(providerName, services);

    public Task<IQueueAdapter> CreateAdapter() => CreateAdapter(CancellationToken.None);

    public async Task<IQueueAdapter> CreateAdapter(CancellationToken cancellationToken)
    {
        var provisioner = new KafkaTopicProvisioner(_options, _providerName, _loggerFactory.CreateLogger<KafkaTopicProvisioner>());
        await provisioner.EnsureTopicsAsync(cancellationToken);

        var serviceId = _services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId;
        var groupId = string.IsNullOrWhiteSpace(_options.ConsumerGroupId) ? $"{serviceId}-{_providerName}" : _options.ConsumerGroupId;
        var producer = _services.GetRequiredKeyedService<KafkaStreamProducer>(_providerName);
        var timeProvider = _services.GetService<TimeProvider>() ?? TimeProvider.System;
        var handOff = new KafkaHandOff(producer, _options, _providerName, timeProvider, _loggerFactory.CreateLogger<KafkaHandOff>());
        return new KafkaQueueAdapter(
            _providerName,
            _options,
            groupId,
            _mapper,
            producer,
            handOff,
            _registry,
            _services.GetRequiredService<Serializer<KafkaBatchContainer>>(),
            timeProvider,
            _loggerFactory);
    }

    public IQueueAdapterCache GetQueueAdapterCache() => _cache;

    public IStreamQueueMapper GetStreamQueueMapper() => _mapper;

    public Task<IStreamFailureHandler> GetDeliveryFailureHandler(QueueId queueId) =>
        Task.FromResult<IStreamFailureHandler>(
            new KafkaStreamFailureHandler(queueId, _registry, _loggerFactory.CreateLogger<KafkaStreamFailureHandler>()));
}
