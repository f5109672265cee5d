using BillForU.Storage;
using Microsoft.AspNetCore.Diagnostics;

namespace BillForU.Admin.Startup;

/// <summary>An unreachable database is the operator's to fix, not a bug: 503 problem details saying so.</summary>
public sealed partial class StorageUnavailableExceptionHandler(IProblemDetailsService problems, ILogger<StorageUnavailableExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not StorageUnavailableException unavailable)
        {
            return false;
        }
        LogUnavailable(unavailable.Message);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = StatusCodes.Status503ServiceUnavailable, Title = "The database is unavailable", Detail = unavailable.Message },
        });
    }

    [LoggerMessage(3002, LogLevel.Warning, "Request failed, database unavailable: {Reason}")]
    private partial void LogUnavailable(string reason);
}
