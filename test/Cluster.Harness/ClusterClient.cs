using BillForU.Domain.Billing;
using BillForU.Grains.Interfaces.Settlement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using StackExchange.Redis;

namespace BillForU.Cluster.Harness;

/// <summary>An Orleans client of a <see cref="LocalCluster"/> (Redis membership), through which a drill starts and follows a settlement.</summary>
public sealed class ClusterClient : IAsyncDisposable
{
    private readonly IHost _host;

    private ClusterClient(IHost host)
    {
        _host = host;
        Grains = host.Services.GetRequiredService<IClusterClient>();
    }

    public IClusterClient Grains { get; }

    public static async Task<ClusterClient> ConnectAsync(string redis, string clusterId, string serviceId, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.UseOrleansClient(client =>
            {
                client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (clusterId, serviceId));
                client.UseRedisClustering(o => o.ConfigurationOptions = ConfigurationOptions.Parse(redis));
            });
            var host = builder.Build();
            try
            {
                await host.StartAsync();
                return new ClusterClient(host);
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                // No gateway registered yet (silos still joining): try again.
                host.Dispose();
                await Task.Delay(500);
            }
        }
    }

    public ISettlementCoordinatorGrain Coordinator(BillingMonth month) => Grains.GetGrain<ISettlementCoordinatorGrain>(month.ToString());

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _host.StopAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // The cluster may already be gone; the client is abandoned.
        }
        _host.Dispose();
    }
}
