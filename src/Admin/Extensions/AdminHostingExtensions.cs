using System.Text.Json.Serialization;
using BillForU.Admin.Auth;
using BillForU.Admin.Health;
using BillForU.Admin.Notifications;
using BillForU.Admin.Startup;
using BillForU.Hosting.Configuration;
using BillForU.Hosting.Extensions;

namespace BillForU.Admin.Extensions;

public static class AdminHostingExtensions
{
    private const string HealthCheckServiceCategory = "Microsoft.Extensions.Diagnostics.HealthChecks.DefaultHealthCheckService";

    /// <summary>
    /// The admin API process: the Orleans side of the mode (an in-process silo in embedded mode, a client of the cluster
    /// otherwise), then everything of <see cref="AddAdminWebAsync"/>.
    /// </summary>
    /// <param name="console">Where a newly generated local key file is announced.</param>
    /// <exception cref="BillForUConfigurationException">A required setting is missing or invalid.</exception>
    public static async Task<BillForUOptions> AddBillForUAdminAsync(this WebApplicationBuilder builder, TextWriter console, CancellationToken cancellationToken)
    {
        var options = builder.Configuration.GetBillForUOptions();
        if (options.Mode == BillForUMode.Embedded)
        {
            // Registered before the silo so the schema exists when the silo's own services start.
            builder.Services.AddHostedService<SchemaMigrationService>();
            await builder.AddBillForUSiloAsync(cancellationToken);
            // Registered after the silo: hosted services start in order, so the grains are up when it runs.
            builder.Services.AddHostedService<NotificationRecoveryService>();
        }
        else
        {
            await builder.AddBillForUClusterClientAsync(options, cancellationToken);
        }
        await builder.AddAdminWebAsync(options, console, cancellationToken);
        return options;
    }

    /// <summary>
    /// The admin API and dashboards over a host that already has its Orleans side (a silo or a client) and stores: the
    /// admin credentials, problem details, JSON, metrics, OpenAPI and health checks. Map them with
    /// <see cref="AdminEndpointExtensions.UseBillForUAdmin"/> and <see cref="AdminEndpointExtensions.MapBillForUAdmin"/>.
    /// </summary>
    /// <param name="console">Where a newly generated local key file is announced.</param>
    /// <returns>The local key file and its reader key when the keys came from there, else null.</returns>
    /// <exception cref="BillForUConfigurationException">The credentials are missing (cluster mode) or invalid.</exception>
    public static async Task<LocalAdminKeys?> AddAdminWebAsync(
        this IHostApplicationBuilder builder, BillForUOptions options, TextWriter console, CancellationToken cancellationToken)
    {
        var localKeys = await builder.AddAdminAuthenticationAsync(options, console, cancellationToken);
        builder.Services.AddProblemDetails();
        builder.Services.AddBillForUMetrics();
        builder.Services.AddExceptionHandler<StorageUnavailableExceptionHandler>();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.Services.AddSingleton<NoticeRehydrator>();
        builder.Services.AddSingleton<NoticeCommands>();
        builder.Services.AddAdminOpenApi();
        builder.Services.AddHealthChecks()
            .AddCheck<SqlStoreHealthCheck>("sql")
            .AddCheck<OrleansHealthCheck>("orleans");
        // The health service logs every Degraded probe as a warning: during an outage that is a line per poll of /health,
        // where the outage tracker already logs one line at its start and one at its end. Unhealthy is still logged.
        builder.Logging.AddFilter(HealthCheckServiceCategory, LogLevel.Error);
        return localKeys;
    }
}
