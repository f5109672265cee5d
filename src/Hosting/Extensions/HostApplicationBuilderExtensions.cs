using BillForU.Channels.Configuration;
using BillForU.Channels.Extensions;
using BillForU.Grains.Notifications;
using BillForU.Hosting.Configuration;
using BillForU.Hosting.Preflight;
using BillForU.Hosting.Security;
using BillForU.Storage.Extensions;
using BillForU.Storage.Outages;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BillForU.Hosting.Extensions;

public static class HostApplicationBuilderExtensions
{
    public static BillForUOptions GetBillForUOptions(this IConfiguration configuration) =>
        configuration.GetSection(BillForUOptions.Section).Get<BillForUOptions>() ?? new BillForUOptions();

    /// <summary>
    /// Everything a BillForU silo needs, validated before anything starts: the options of the mode,
    /// the contact keys, the SQL store and the Orleans silo.
    /// </summary>
    /// <exception cref="BillForUConfigurationException">A required setting is missing or invalid.</exception>
    /// <exception cref="Preflight.DependencyUnavailableException">Cluster mode, and Redis or Kafka does not answer.</exception>
    public static async Task<BillForUOptions> AddBillForUSiloAsync(this IHostApplicationBuilder builder, CancellationToken cancellationToken)
    {
        var options = builder.Configuration.GetBillForUOptions();
        BillForUOptionsValidation.Validate(options, builder.Configuration);
        if (options.Mode == BillForUMode.Embedded)
        {
            Directory.CreateDirectory(options.DataDirectory);
        }
        var keys = await PiiKeyRingLoader.LoadAsync(options, cancellationToken);
        await ClusterDependencyCheck.CheckAsync(options, builder.Configuration, cancellationToken);

        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddPiiProtection(keys);
        builder.Services.AddSqlStore(options.ResolveSql());
        builder.Services.Configure<StorageRetryOptions>(builder.Configuration.GetSection(StorageRetryOptions.Section));
        builder.Services.AddSettlement(builder.Configuration);
        if (options.Mode == BillForUMode.Cluster)
        {
            // Stream offsets are committed once events are acknowledged: by default never before the delivery log has
            // the notice. Registered before the configuration is bound, so BillForU:Notifications can still turn it off.
            builder.Services.Configure<NotificationOptions>(o => o.AcknowledgeAfterLogWritten = true);
        }
        else
        {
            builder.Services.Configure<NotificationOptions>(o => o.WriteStateBeforeSend = false);
        }
        builder.Services.AddNotificationPipeline(builder.Configuration);
        builder.Services.AddNotificationChannels(builder.Configuration.GetSection(ChannelOptions.Section));
        if (string.IsNullOrWhiteSpace(builder.Configuration[$"{ChannelOptions.Section}:{nameof(ChannelOptions.OutboxDirectory)}"]))
        {
            // The outboxes live with the rest of the embedded data unless an operator points them elsewhere.
            builder.Services.PostConfigure<ChannelOptions>(o => o.OutboxDirectory = Path.Combine(options.DataDirectory, "outbox"));
        }
        builder.UseOrleans(silo => silo.ConfigureBillForUSilo(options));
        if (options.Mode == BillForUMode.Embedded)
        {
            // After the silo, so its grains are up when it first reads; reminders of this mode live in memory only.
            builder.Services.AddHostedService<DueNoticeScanner>();
        }
        builder.Services.RedactContactsInLogs();
        return options;
    }
}
