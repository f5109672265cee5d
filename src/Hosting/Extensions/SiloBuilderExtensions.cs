using BillForU.Grains.Interfaces;
using BillForU.Hosting.Configuration;
using BillForU.Hosting.Redis;
using BillForU.Hosting.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Runtime.Hosting;
using Orleans.Storage;
using Orleans.Streams;

namespace BillForU.Hosting.Extensions;

public static class SiloBuilderExtensions
{
    /// <summary>Clustering, grain state, reminders and the billing stream for the configured mode (design §7).</summary>
    public static ISiloBuilder ConfigureBillForUSilo(this ISiloBuilder silo, BillForUOptions options)
    {
        var endpoints = options.Orleans;
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = endpoints.ClusterId;
            o.ServiceId = endpoints.ServiceId;
        });
        if (options.Mode == BillForUMode.Cluster)
        {
            if (endpoints.AdvertisedAddress is { Length: > 0 } advertised)
            {
                silo.ConfigureEndpoints(AdvertisedAddressResolver.Resolve(advertised), endpoints.SiloPort, endpoints.GatewayPort, listenOnAnyHostAddress: true);
            }
            else
            {
                silo.ConfigureEndpoints(endpoints.SiloPort, endpoints.GatewayPort, listenOnAnyHostAddress: true);
            }
            silo.UseRedisClustering(o => o.ConfigurationOptions = RedisConnectionOptions.Parse(options.Redis!));
        }
        else
        {
            silo.UseLocalhostClustering(endpoints.SiloPort, endpoints.GatewayPort);
        }
        // The Orleans dashboard's grains and collectors, so an admin API in this process or one connected as a
        // client can show every silo. Its call profiler only records while someone has the dashboard open.
        silo.AddDashboard();
        silo.Configure<GrainDirectoryOptions>(o => o.CacheSize = DirectoryCacheSize);
        return silo.AddBillForUProviders(options);
    }

    /// <summary>
    /// Grain locations this silo remembers. Orleans' default (1,000,000) suits grains that are called again and again;
    /// a notice grain is called a few times in its life, so at a million notices the cache filled with bills that were
    /// already done. Its size gauge counts the cache by walking it, and the dashboard's metrics read that gauge every
    /// second: the cluster benchmark spent 3 % of the machine on it. An entry that outlives a few collections also dies
    /// in the old generation: over a million notices the collector paused 8.3–9.4 s with 100,000 entries and 7.6–7.7 s
    /// with 1,000. The grains that are called often (stream consumers, settlement, the dashboard's own) fit many times
    /// over.
    /// </summary>
    internal const int DirectoryCacheSize = 1_000;

    /// <summary>
    /// Grain state, reminders and the billing stream of the mode, without clustering, so test clusters
    /// (which bring their own membership) run the same providers as a real silo.
    /// </summary>
    public static ISiloBuilder AddBillForUProviders(this ISiloBuilder silo, BillForUOptions options)
    {
        silo.AddBillForUState(options);
        return options.Mode == BillForUMode.Cluster
            ? silo.AddBillingKafkaStreams(kafka => kafka.BindConfiguration(BillForUOptions.KafkaSection))
            : silo.AddMemoryStreams(Constants.BillingStreamProvider, streams => streams.ConfigurePartitioning(4));
    }

    /// <summary>Grain state and reminders of the mode: Redis in cluster mode, this process's memory in the embedded mode.</summary>
    public static ISiloBuilder AddBillForUState(this ISiloBuilder silo, BillForUOptions options)
    {
        // Grain state goes through the Orleans serializer rather than the default Newtonsoft JSON: the state
        // types are [GenerateSerializer] records with DateOnly/TimeOnly, version-tolerant by their ids, and
        // a binary write per notice step is cheaper than JSON at a million notices.
        silo.Services.AddSingleton<IGrainStorageSerializer, OrleansGrainStorageSerializer>();
        if (options.Mode == BillForUMode.Cluster)
        {
            var redis = RedisConnectionOptions.Parse(options.Redis!);
            silo.Services.AddGrainStorage(Constants.GrainStorage, (sp, name) => ActivatorUtilities.CreateInstance<BatchedRedisGrainStorage>(sp, name, redis));
            silo.AddRedisGrainStorage(Constants.PubSubStorage, o => o.ConfigurationOptions = redis);
            silo.UseRedisReminderService(o => o.ConfigurationOptions = redis);
        }
        else
        {
            silo.Services.AddGrainStorage(Constants.GrainStorage, (sp, _) => new ProcessLocalGrainStorage(sp.GetRequiredService<IGrainStorageSerializer>()));
            silo.AddMemoryGrainStorage(Constants.PubSubStorage);
            silo.UseInMemoryReminderService();
        }
        return silo;
    }

    /// <summary>
    /// The billing stream on the Kafka provider: implicit subscriptions only, as every consumer of it is; deliveries that
    /// may repeat an earlier one are marked (<see cref="BillForU.Grains.Interfaces.Constants.RedeliveryContextKey"/>) for the notices.
    /// </summary>
    public static ISiloBuilder AddBillingKafkaStreams(this ISiloBuilder silo, Action<OptionsBuilder<KafkaStreamOptions>> configure) =>
        silo.AddKafkaStreams(
            Constants.BillingStreamProvider,
            options =>
            {
                configure(options);
                options.Configure(o => o.RedeliveryContextKey = Constants.RedeliveryContextKey);
            },
            stream => stream.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly));
}
