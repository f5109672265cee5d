using BillForU.Channels.Configuration;
using BillForU.Channels.Extensions;
using BillForU.Domain.Billing;
using BillForU.Domain.Generation;
using BillForU.Domain.Security;
using BillForU.Grains.Interfaces.Settlement;
using BillForU.Grains.Settlement;
using BillForU.Hosting.Configuration;
using BillForU.Hosting.Extensions;
using BillForU.Storage;
using BillForU.Storage.Extensions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace BillForU.Grains.Tests.Support;

/// <summary>A one-silo test cluster with the embedded providers over a real SQL store.</summary>
public sealed class SettlementCluster : IAsyncDisposable
{
    public static readonly TimeZoneInfo Seoul = TimeZoneInfo.FindSystemTimeZoneById("Asia/Seoul");
    public static readonly BillingMonth Month = new(2026, 10);

    private readonly InProcessTestCluster _cluster;

    private SettlementCluster(InProcessTestCluster cluster, IServiceProvider services, FaultyBillRepository bills)
    {
        _cluster = cluster;
        Services = services;
        Bills = bills;
    }

    public IServiceProvider Services { get; }

    /// <summary>The silo's bill repository, through which tests inject write failures.</summary>
    public FaultyBillRepository Bills { get; }

    public ISettlementCoordinatorGrain Coordinator(BillingMonth month) =>
        _cluster.Client.GetGrain<ISettlementCoordinatorGrain>(month.ToString());

    /// <param name="streams">Puts the billing stream on another provider than the embedded memory streams.</param>
    public static async Task<SettlementCluster> StartAsync(SqlStoreOptions sql, int partitions = 4, int chunkSize = 200, Action<ISiloBuilder>? streams = null)
    {
        var outbox = Directory.CreateTempSubdirectory("billforu-outbox-").FullName;
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            if (streams is null)
            {
                silo.AddBillForUProviders(new BillForUOptions());
            }
            else
            {
                silo.AddBillForUState(new BillForUOptions());
                streams(silo);
            }
            silo.Services.AddPiiProtection(TestKeys.Ring);
            silo.Services.AddSqlStore(sql);
            silo.Services.AddNotificationPipeline(new ConfigurationBuilder().Build());
            silo.Services.AddNotificationChannels(channels =>
            {
                channels.Mode = ChannelMode.Outbox;
                channels.OutboxDirectory = outbox;
            });
            var original = silo.Services.Last(d => d.ServiceType == typeof(IBillRepository));
            silo.Services.Remove(original);
            silo.Services.AddSingleton(sp => new FaultyBillRepository((IBillRepository)(original.ImplementationType is { } type
                ? ActivatorUtilities.CreateInstance(sp, type)
                : original.ImplementationFactory!(sp))));
            silo.Services.AddSingleton<IBillRepository>(sp => sp.GetRequiredService<FaultyBillRepository>());
            silo.Services.AddSingleton<SettlementCounters>();
            silo.Services.Configure<SettlementOptions>(o =>
            {
                o.Partitions = partitions;
                o.ChunkSize = chunkSize;
                o.PollInterval = TimeSpan.FromMilliseconds(50);
            });
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        var services = cluster.GetSiloServiceProvider();
        await services.GetRequiredService<ISchemaMigrator>().MigrateAsync(CancellationToken.None);
        return new SettlementCluster(cluster, services, services.GetRequiredService<FaultyBillRepository>());
    }

    public async Task<IReadOnlyList<GeneratedUser>> SeedAsync(int users, long seed = 11)
    {
        var generator = new DemoDataGenerator(
            new DatasetSpec(seed, users, Month),
            Services.GetRequiredService<ContactCipher>(),
            Services.GetRequiredService<LookupHasher>(),
            Seoul);
        await Services.GetRequiredService<IDatasetSeeder>().SeedAsync(generator, null, CancellationToken.None);
        return users == 0 ? [] : generator.GenerateBlock(1, users);
    }

    public async Task<SettlementRunView> WaitForEndAsync(BillingMonth month, TimeSpan? timeout = null)
    {
        using var cancellation = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(90));
        while (true)
        {
            var run = await Coordinator(month).GetStatusAsync();
            if (run is { Status: not (Domain.Settlement.SettlementRunStatus.Running or Domain.Settlement.SettlementRunStatus.Pending) })
            {
                return run;
            }
            await Task.Delay(50, cancellation.Token);
        }
    }

    public async Task<IReadOnlyList<StoredBill>> ReadAllBillsAsync(BillingMonth month)
    {
        var repository = Services.GetRequiredService<IBillRepository>();
        var result = new List<StoredBill>();
        long after = 0;
        while (true)
        {
            var page = await repository.ListBillsAsync(month, after, 500, CancellationToken.None);
            if (page.Count == 0)
            {
                return result;
            }
            foreach (var header in page)
            {
                result.Add(await repository.GetBillAsync(header.BillId, CancellationToken.None)
                    ?? throw new InvalidOperationException($"Bill {header.BillId} was listed but cannot be read."));
            }
            after = page[^1].UserId;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
    }
}
