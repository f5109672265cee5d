using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace BillForU.Admin.Health;

/// <summary>
/// Health as JSON in the Spring Boot actuator's shape (<c>{"status":"UP","components":{…}}</c>), which the seed's monitors
/// read. Degraded (a store outage being waited out) is its own status, <c>DEGRADED</c>, still answered with 200.
/// </summary>
public static class HealthResponses
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static HealthCheckOptions Options => new()
    {
        ResponseWriter = WriteAsync,
        ResultStatusCodes =
        {
            [HealthStatus.Healthy] = StatusCodes.Status200OK,
            [HealthStatus.Degraded] = StatusCodes.Status200OK,
            [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
        },
    };

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        var body = new
        {
            status = Status(report.Status),
            components = report.Entries.ToDictionary(
                e => e.Key,
                // A failing check's message may name a server; this endpoint is anonymous, so only healthy checks say more.
                e => new { status = Status(e.Value.Status), details = e.Value.Status == HealthStatus.Unhealthy ? null : e.Value.Description }),
        };
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, Json), context.RequestAborted);
    }

    private static string Status(HealthStatus status) => status switch
    {
        HealthStatus.Unhealthy => "DOWN",
        HealthStatus.Degraded => "DEGRADED",
        _ => "UP",
    };
}
