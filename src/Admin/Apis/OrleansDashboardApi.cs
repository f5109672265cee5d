using BillForU.Admin.Auth;
using Orleans.Dashboard;

namespace BillForU.Admin.Apis;

/// <summary>
/// The Orleans dashboard (silos, grain activations and calls, reminders, the redacted log stream) of the silo in this
/// process or, in cluster mode, of the cluster this API is a client of. It has no authentication of its own: readers only.
/// </summary>
public static class OrleansDashboardApi
{
    public const string Path = "/orleans";

    public static RouteGroupBuilder MapOrleansDashboardApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapOrleansDashboard(Path)
            .RequireAuthorization(AdminRoles.ReadPolicy)
            .WithMetadata(BrowserLogin.Instance);
        // Its routes are the dashboard's own UI and data, not part of the admin API's contract.
        api.ExcludeFromDescription();
        return api;
    }
}
