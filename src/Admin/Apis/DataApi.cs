using BillForU.Admin.Auth;
using BillForU.Admin.Contracts;

namespace BillForU.Admin.Apis;

public static class DataApi
{
    public static RouteGroupBuilder MapDataApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/data").WithTags("Data").RequireAuthorization(AdminRoles.ReadPolicy);
        api.MapGet("/stats", GetStatsAsync)
            .WithName("GetDataStats")
            .WithSummary("The loaded dataset, the latest settlement run and notices counted by status.");
        return api;
    }

    public static async Task<Ok<DataStats>> GetStatsAsync([AsParameters] DataServices services, CancellationToken cancellationToken)
    {
        var dataset = await services.Seeder.GetDatasetInfoAsync(cancellationToken);
        var latest = (await services.Runs.ListRunsAsync(0, 1, cancellationToken)) is [var run, ..]
            ? RunItem.Of(run, services.Time.GetUtcNow().UtcDateTime)
            : null;
        var counts = await services.Deliveries.CountByStatusAsync(cancellationToken);
        var byStatus = counts.GroupBy(c => c.Status).ToDictionary(g => g.Key, g => g.Sum(c => c.Count));
        return TypedResults.Ok(new DataStats(dataset, latest, byStatus, byStatus.Values.Sum()));
    }
}
