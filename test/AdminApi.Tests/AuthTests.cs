using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace BillForU.AdminApi.Tests;

/// <summary>Every route but health and the OpenAPI document needs a credential; every mutating route needs the operator role.</summary>
[Collection(AdminApiCollection.Name)]
public sealed class AuthTests(AdminApiFactory api)
{
    public static TheoryData<string, string> ReadRoutes => new()
    {
        { "GET", "/api/data/stats" }, { "GET", "/api/retry/failed-list" }, { "GET", "/api/retry/status-summary" },
        { "GET", "/api/queue/detail" }, { "GET", "/api/redis/stats" }, { "GET", "/api/settlement/runs" },
        { "GET", "/api/settlement/2026-10" }, { "GET", "/api/bills?month=2026-10" }, { "GET", "/api/bills/1" },
        { "GET", "/api/users/1" }, { "GET", "/api/users/1/preferences/email" }, { "GET", "/api/policies" },
        { "GET", "/api/policies/email" }, { "GET", "/api/schedules" }, { "GET", "/api/dlq" }, { "GET", "/api/charts/hourly" },
        { "GET", "/metrics" }, { "GET", "/orleans/" }, { "GET", "/orleans/DashboardCounters" },
        { "GET", "/api/reconciliation/2026-10" },
    };

    public static TheoryData<string, string> OperatorRoutes => new()
    {
        { "POST", "/api/retry/process/1" }, { "POST", "/api/settlement/2026-10" }, { "DELETE", "/api/settlement/2026-10" },
        { "PUT", "/api/users/1/preferences/email" }, { "PUT", "/api/policies/email" }, { "PUT", "/api/schedules/1" },
        { "DELETE", "/api/schedules/1" }, { "POST", "/api/dlq/1/replay" }, { "POST", "/api/dlq/replay-all" },
        { "POST", "/api/reconciliation/2026-10/repair" },
    };

    private static HttpRequestMessage Request(string method, string path) => new(new HttpMethod(method), path)
    {
        // A valid body, so a refusal cannot come from model binding.
        Content = method is "PUT" or "POST" ? JsonContent.Create(new { enabled = true, priority = 1, quietEnabled = false, quietStart = "22:00:00", quietEnd = "08:00:00", atUtc = DateTimeOffset.UtcNow.AddDays(1) }) : null,
    };

    [Theory]
    [MemberData(nameof(ReadRoutes))]
    [MemberData(nameof(OperatorRoutes))]
    public async Task Without_a_credential_the_answer_is_401_problem_details(string method, string path)
    {
        using var client = api.Client();
        var response = await client.SendAsync(Request(method, path));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_unknown_key_is_401()
    {
        using var client = api.Client("not-a-configured-key-0123456789");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/data/stats")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(OperatorRoutes))]
    public async Task A_reader_key_is_refused_on_operator_routes_with_403(string method, string path)
    {
        using var client = api.Reader();
        var response = await client.SendAsync(Request(method, path));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_bearer_token_authenticates_with_its_role()
    {
        using var client = api.Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminApiFactory.OperatorToken);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/data/stats")).StatusCode);
        var cancel = await client.DeleteAsync("/api/settlement/2001-01");
        Assert.Equal(HttpStatusCode.Conflict, cancel.StatusCode);
    }

    [Theory]
    [InlineData("/health")]
    [InlineData("/api/actuator/health")]
    [InlineData("/openapi/v1.json")]
    public async Task Health_and_the_openapi_document_need_no_credential(string path)
    {
        using var client = api.Client();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path)).StatusCode);
    }
}
