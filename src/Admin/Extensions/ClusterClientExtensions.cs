using BillForU.Grains.Notifications;
using BillForU.Hosting.Configuration;
using BillForU.Hosting.Extensions;
using BillForU.Hosting.Redis;
using BillForU.Hosting.Security;
using BillForU.Storage;
using BillForU.Storage.Extensions;
using Orleans.Configuration;
using Orleans.Dashboard;

namespace BillForU.Admin.Extensions;

public static class ClusterClientExtensions
{
    /// <summary>
    /// The cluster mode: an Orleans client over Redis membership, plus the SQL store and the contact keys the
    /// API reads with, and the Orleans dashboard's client. The API never produces bill events, so it needs no stream provider.
    /// </summary>
    public static async Task AddBillForUClusterClientAsync(this IHostApplicationBuilder builder, BillForUOptions options, CancellationToken cancellationToken)
    {
        if (options.Sql is not { Provider: SqlProvider.MySql, ConnectionString.Length: > 0 })
        {
            throw new BillForUConfigurationException(
                "Cluster mode reads the cluster's MySQL store: set BillForU:Sql:Provider=MySql and BillForU:Sql:ConnectionString "
                + "(environment: BillForU__Sql__Provider, BillForU__Sql__ConnectionString).");
        }
        if (string.IsNullOrWhiteSpace(options.Redis))
        {
            throw new BillForUConfigurationException(
                "Cluster mode finds the silos through Redis: set BillForU:Redis (environment: BillForU__Redis), e.g. 127.0.0.1:6379.");
        }
        var keys = await PiiKeyRingLoader.LoadAsync(options, cancellationToken);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddPiiProtection(keys);
        builder.Services.AddSqlStore(options.ResolveSql());
        // A repair hands bills over from here, through the client, as a silo's sweep would.
        builder.Services.AddSingleton<NoticeHandOver>();
        builder.Services.AddSingleton<NotificationRecovery>();
        var redis = RedisConnectionOptions.Parse(options.Redis);
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = options.Orleans.ClusterId;
                o.ServiceId = options.Orleans.ServiceId;
            });
            client.UseRedisClustering(o => o.ConfigurationOptions = redis);
            // The Orleans dashboard asks the silos' dashboard grains (see ConfigureBillForUSilo).
            client.AddDashboard();
        });
        builder.Services.RedactContactsInLogs();
    }
}
