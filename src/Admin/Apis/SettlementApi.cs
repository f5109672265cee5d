using BillForU.Admin.Auth;
using BillForU.Admin.Contracts;
using BillForU.Grains.Interfaces.Settlement;
using BillForU.Storage;

namespace BillForU.Admin.Apis;

public static class SettlementApi
{
    private const int MaxPartitions = 256;

    public static RouteGroupBuilder MapSettlementApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/settlement").WithTags("Settlement").RequireAuthorization(AdminRoles.ReadPolicy);
        api.MapGet("/runs", ListRunsAsync)
            .WithName("ListSettlementRuns")
            .WithSummary("Settlement runs, newest first, paged (after = how many runs to skip).");
        api.MapGet("/{month}", GetStatusAsync)
            .WithName("GetSettlementStatus")
            .WithSummary("The month's latest run with progress, bills per second and the time left.");
        api.MapPost("/{month}", StartAsync)
            .WithName("StartSettlement")
            .WithSummary("Starts (or resumes) settling the month; 409 while a run is active or once settled unless force=true.")
            .RequireAuthorization(AdminRoles.OperatePolicy);
        api.MapDelete("/{month}", CancelAsync)
            .WithName("CancelSettlement")
            .WithSummary("Cancels the month's active run; it resumes from its checkpoints when started again.")
            .RequireAuthorization(AdminRoles.OperatePolicy);
        return api;
    }

    public static async Task<Results<Ok<Page<RunItem>>, ValidationProblem>> ListRunsAsync(
        [AsParameters] PageQuery page, ISettlementRunRepository runs, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new ApiErrors();
        page.Validate(errors);
        if (page.AfterOrStart > int.MaxValue)
        {
            errors.Add("after", "after is out of range.");
        }
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        var offset = (int)page.AfterOrStart;
        var limit = page.LimitOrDefault;
        // The history grows by a handful of runs a month, so an offset into the newest-first list is a fine cursor.
        var rows = await runs.ListRunsAsync(offset, limit + 1, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        return TypedResults.Ok(new Page<RunItem>(
            rows.Take(limit).Select(r => RunItem.Of(r, now)).ToArray(),
            rows.Count > limit ? offset + limit : null));
    }

    public static async Task<Results<Ok<RunItem>, ValidationProblem, ProblemHttpResult>> GetStatusAsync(
        string month, IGrainFactory grains, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new ApiErrors();
        var billingMonth = errors.Month(month);
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        var run = await grains.GetGrain<ISettlementCoordinatorGrain>(billingMonth.ToString()).GetStatusAsync().WaitAsync(cancellationToken);
        return run is null
            ? Problems.NotFound($"{billingMonth} has never been settled.")
            : TypedResults.Ok(RunItem.Of(run, time.GetUtcNow().UtcDateTime));
    }

    public static async Task<Results<Accepted<RunItem>, ValidationProblem, ProblemHttpResult>> StartAsync(
        string month, [AsParameters] StartQuery query, IGrainFactory grains, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new ApiErrors();
        var billingMonth = errors.Month(month);
        if (query.Partitions is < 1 or > MaxPartitions)
        {
            errors.Add("partitions", $"partitions must be between 1 and {MaxPartitions}.");
        }
        if (query.ChunkSize is < 1 or > 100_000)
        {
            errors.Add("chunkSize", "chunkSize must be between 1 and 100000.");
        }
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        var result = await grains.GetGrain<ISettlementCoordinatorGrain>(billingMonth.ToString())
            .StartAsync(new SettlementRequest(query.Force ?? false, query.Partitions, query.ChunkSize))
            .WaitAsync(cancellationToken);
        var run = RunItem.Of(result.Run, time.GetUtcNow().UtcDateTime);
        var extensions = new Dictionary<string, object?> { ["run"] = run };
        return result.Outcome switch
        {
            StartOutcome.AlreadyRunning => Problems.Conflict(
                "A run is active", $"{billingMonth} is being settled by run {run.RunId}; follow it at GET /api/settlement/{billingMonth}.", extensions),
            StartOutcome.AlreadySettled => Problems.Conflict(
                "Already settled", $"{billingMonth} was settled by run {run.RunId}; start with force=true to settle it again.", extensions),
            _ => TypedResults.Accepted($"/api/settlement/{billingMonth}", run),
        };
    }

    public static async Task<Results<Ok<RunItem>, ValidationProblem, ProblemHttpResult>> CancelAsync(
        string month, IGrainFactory grains, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new ApiErrors();
        var billingMonth = errors.Month(month);
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        var run = await grains.GetGrain<ISettlementCoordinatorGrain>(billingMonth.ToString()).CancelAsync().WaitAsync(cancellationToken);
        return run is null
            ? Problems.Conflict("No active run", $"{billingMonth} has no active run to cancel.")
            : TypedResults.Ok(RunItem.Of(run, time.GetUtcNow().UtcDateTime));
    }
}
