using BillForU.Admin.Auth;
using BillForU.Admin.Contracts;
using BillForU.Grains.Notifications;
using BillForU.Storage.Notifications;

namespace BillForU.Admin.Apis;

public static class ReconciliationApi
{
    private const int Sample = 20;

    public static RouteGroupBuilder MapReconciliationApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/reconciliation").WithTags("Reconciliation").RequireAuthorization(AdminRoles.ReadPolicy);
        api.MapGet("/{month}", GetAsync)
            .WithName("ReconcileMonth")
            .WithSummary("Every bill of the month once, by what became of its notice; the first bills missing one and notices sent twice.");
        api.MapPost("/{month}/repair", RepairAsync)
            .WithName("RepairMonth")
            .WithSummary("Hands the month's bills without a notice record over to their notification grains, then reconciles again.")
            .RequireAuthorization(AdminRoles.OperatePolicy);
        return api;
    }

    public static async Task<Results<Ok<MonthReconciliation>, ValidationProblem>> GetAsync(
        string month, IReconciliationStore store, CancellationToken cancellationToken)
    {
        var errors = new ApiErrors();
        var billingMonth = errors.Month(month);
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        return TypedResults.Ok(await store.ReconcileAsync(billingMonth, Sample, cancellationToken));
    }

    public static async Task<Results<Ok<ReconciliationRepair>, ValidationProblem>> RepairAsync(
        string month, NotificationRecovery recovery, IReconciliationStore store, CancellationToken cancellationToken)
    {
        var errors = new ApiErrors();
        var billingMonth = errors.Month(month);
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        // A hand-over returns once each grain has taken its bill; its row may still sit in the silo's write batch.
        var handedOver = await recovery.SweepAsync(billingMonth, cancellationToken);
        return TypedResults.Ok(new ReconciliationRepair(handedOver, await store.ReconcileAsync(billingMonth, Sample, cancellationToken)));
    }
}
