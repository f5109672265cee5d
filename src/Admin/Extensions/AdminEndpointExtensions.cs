using BillForU.Admin.Apis;
using BillForU.Admin.Health;
using BillForU.Admin.Web;
using Scalar.AspNetCore;

namespace BillForU.Admin.Extensions;

public static class AdminEndpointExtensions
{
    /// <summary>
    /// Problem details for errors and bare status codes (401, 403, 404 of unknown routes), the dashboard's static
    /// files (anonymous: the page holds no data, its API calls carry the operator's key), then authentication.
    /// </summary>
    public static WebApplication UseBillForUAdmin(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = DashboardFiles.Provider });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = DashboardFiles.Provider });
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    public static WebApplication MapBillForUAdmin(this WebApplication app)
    {
        app.MapHealthChecks("/health", HealthResponses.Options).AllowAnonymous();
        app.MapHealthChecks("/api/actuator/health", HealthResponses.Options).AllowAnonymous();
        app.MapOpenApi().AllowAnonymous();
        // The UI serves only the document; the calls it makes carry a key like any other client's.
        app.MapScalarApiReference().AllowAnonymous();
        // Scrapers authenticate like any reader (a bearer token or an API key).
        app.MapPrometheusScrapingEndpoint("/metrics");

        app.MapDataApi();
        app.MapRetryApi();
        app.MapQueueApi();
        app.MapStoreStatsApi();
        app.MapSettlementApi();
        app.MapBillsApi();
        app.MapUsersApi();
        app.MapPoliciesApi();
        app.MapSchedulesApi();
        app.MapDlqApi();
        app.MapReconciliationApi();
        app.MapChartsApi();
        app.MapOrleansDashboardApi();
        return app;
    }
}
