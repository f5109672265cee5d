using BillForU.Admin.Auth;
using BillForU.Admin.Contracts;
using BillForU.Domain.Notifications;
using BillForU.Grains.Notifications;
using BillForU.Hosting.Configuration;
using Microsoft.AspNetCore.Mvc;

namespace BillForU.Admin.Apis;

/// <summary>The seed's <c>/api/redis/stats</c>: which stores are in use, grain activations, this process's notice counters.</summary>
public static class StoreStatsApi
{
    public static RouteGroupBuilder MapStoreStatsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/redis").WithTags("Stores").RequireAuthorization(AdminRoles.ReadPolicy);
        api.MapGet("/stats", GetStatsAsync)
            .WithName("GetStoreStats")
            .WithSummary("The grain and SQL stores in use, grain activations by type, and maintained notice counters; never a key scan.");
        return api;
    }

    public static async Task<Ok<StoreStats>> GetStatsAsync(
        BillForUOptions options, IGrainFactory grains, [FromServices] NotificationMetrics? metrics, CancellationToken cancellationToken)
    {
        var embedded = options.Mode == BillForUMode.Embedded;
        // Activation counts are kept by each silo as it goes; asking for them reads counters, not grain state.
        var statistics = await grains.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics().WaitAsync(cancellationToken);
        var activations = statistics
            .GroupBy(s => s.GrainType[(s.GrainType.LastIndexOf('.') + 1)..])
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (long)g.Sum(s => s.ActivationCount));
        var counters = metrics is null ? null : new NoticeCounters(
            metrics.Accepted, metrics.Duplicates, metrics.InFlight, metrics.Fallbacks,
            Enum.GetValues<NotificationStatus>().ToDictionary(s => s, metrics.Count));
        return TypedResults.Ok(new StoreStats(
            options.Mode.ToString(),
            embedded ? "process memory (embedded mode: grain state, reminders and streams live in this process)" : "redis",
            options.ResolveSql().Provider.ToString(),
            activations,
            counters));
    }
}
