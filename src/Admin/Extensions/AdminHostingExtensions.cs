using System.Text.Json.Serialization;
using BillForU.Admin.Health;
using BillForU.Admin.Notifications;
using BillForU.Admin.Startup;
using BillForU.Hosting.Configuration;
using BillForU.Hosting.Extensions;

namespace BillForU.Admin.Extensions;

public static class AdminHostingExtensions
{
    /// <summary>
    /// The Orleans side of the mode (an in-process silo in embedded mode, a client of the cluster otherwise),
    /// the admin credentials, problem details, JSON, OpenAPI and health checks.
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
        await builder.AddAdminAuthenticationAsync(options, console, cancellationToken);

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
        return options;
    }
}
