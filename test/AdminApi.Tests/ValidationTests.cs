using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace BillForU.AdminApi.Tests;

/// <summary>Bad input is answered with RFC 7807 problem details naming the field.</summary>
[Collection(AdminApiCollection.Name)]
public sealed class ValidationTests(AdminApiFactory api)
{
    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? field = null)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        if (field is not null)
        {
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"no error for {field}: {problem}");
        }
        return problem;
    }

    [Theory]
    [InlineData("GET", "/api/settlement/2026-13")]
    [InlineData("POST", "/api/settlement/2026-13")]
    [InlineData("DELETE", "/api/settlement/26-10")]
    [InlineData("GET", "/api/bills?month=2026-00")]
    [InlineData("GET", "/api/reconciliation/2026-13")]
    [InlineData("POST", "/api/reconciliation/26-10/repair")]
    public async Task A_bad_month_is_a_validation_problem(string method, string path)
    {
        using var client = api.Operator();
        var problem = await AssertProblemAsync(await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path)), HttpStatusCode.BadRequest, "month");
        Assert.Contains("is not a billing month", problem.GetProperty("errors").GetProperty("month")[0].GetString());
    }

    [Theory]
    [InlineData("/api/retry/failed-list?limit=501")]
    [InlineData("/api/queue/detail?limit=0")]
    [InlineData("/api/schedules?limit=1000")]
    [InlineData("/api/dlq?limit=501")]
    [InlineData("/api/settlement/runs?limit=501")]
    [InlineData("/api/bills?month=2026-10&limit=501")]
    public async Task A_page_size_over_the_limit_is_a_validation_problem(string path)
    {
        using var client = api.Reader();
        await AssertProblemAsync(await client.GetAsync(path), HttpStatusCode.BadRequest, "limit");
    }

    [Theory]
    [InlineData("/api/users/1/preferences/fax")]
    [InlineData("/api/users/1/preferences/1")]
    [InlineData("/api/policies/pigeon")]
    public async Task An_unknown_channel_is_a_validation_problem(string path)
    {
        using var client = api.Reader();
        await AssertProblemAsync(await client.GetAsync(path), HttpStatusCode.BadRequest, "channel");
    }

    [Theory]
    [InlineData("/api/bills/999")]
    [InlineData("/api/users/999999")]
    [InlineData("/api/users/999999/preferences/email")]
    [InlineData("/api/settlement/2001-01")]
    public async Task An_unknown_id_is_404_problem_details(string path)
    {
        using var client = api.Reader();
        await AssertProblemAsync(await client.GetAsync(path), HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("POST", "/api/retry/process/999")]
    [InlineData("POST", "/api/dlq/999/replay")]
    [InlineData("DELETE", "/api/schedules/999")]
    public async Task An_unknown_bill_is_404_on_notice_actions(string method, string path)
    {
        using var client = api.Operator();
        await AssertProblemAsync(await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path)), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_empty_quiet_window_is_a_validation_problem()
    {
        using var client = api.Operator();
        var response = await client.PutAsJsonAsync("/api/policies/email", new { quietEnabled = true, quietStart = "22:00:00", quietEnd = "22:00:00" });
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "quietEnd");
    }

    [Fact]
    public async Task An_out_of_range_send_day_and_a_half_quiet_window_are_validation_problems()
    {
        using var client = api.Operator();
        var response = await client.PutAsJsonAsync("/api/users/7/preferences/sms", new { enabled = true, priority = 2, quietStart = "23:00:00", sendDay = 31 });
        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "sendDay");
        Assert.True(problem.GetProperty("errors").TryGetProperty("quietStart", out _));
    }

    [Fact]
    public async Task A_reschedule_into_the_past_is_a_validation_problem()
    {
        using var client = api.Operator();
        var response = await client.PutAsJsonAsync($"/api/schedules/{api.BillOfUser[AdminApiFactory.ScheduledUsers[0]]}", new { atUtc = DateTimeOffset.UtcNow.AddHours(-1) });
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "atUtc");
    }
}
