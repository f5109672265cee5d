using System.Net;
using System.Net.Http.Json;

namespace BillForU.AdminApi.Tests;

/// <summary>The Prometheus scrape at /metrics after one settlement, on a host of its own so every counter holds that settlement alone.</summary>
public sealed class MetricsTests(SettledMonthHost settled) : IClassFixture<SettledMonthHost>
{
    private string Month => settled.Api.Month.ToString();

    private async Task<PrometheusScrape> ScrapeAsync()
    {
        using var reader = new HttpClient { BaseAddress = settled.Api.BaseAddress };
        reader.DefaultRequestHeaders.Add("X-Api-Key", AdminApiFactory.ReaderKey);
        return new PrometheusScrape(await reader.GetStringAsync("/metrics"));
    }

    [Fact]
    public async Task Prometheus_scrape_shows_notices_by_channel_and_status_to_a_reader_only()
    {
        using var anonymous = new HttpClient { BaseAddress = settled.Api.BaseAddress };

        var refused = await anonymous.GetAsync("/metrics");
        var scrape = await ScrapeAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.True(scrape.Value("billforu_notifications_outcomes_total", ("channel", "Email"), ("status", "Sent")) > 0, scrape.Text);
        Assert.Equal(AdminApiFactory.DeadLetterUsers.Length, scrape.Value("billforu_notifications_outcomes_total", ("channel", "Email"), ("status", "DeadLettered")));
        Assert.NotNull(scrape.Value("billforu_notifications_in_flight"));
    }

    [Fact]
    public async Task Settlement_series_count_the_months_bills_and_its_one_run()
    {
        var run = settled.Run;
        var runSeconds = (run.GetProperty("finishedAt").GetDateTime() - run.GetProperty("startedAt").GetDateTime()).TotalSeconds;

        var scrape = await ScrapeAsync();

        Assert.Equal(AdminApiFactory.Users, run.GetProperty("billsWritten").GetInt64());
        Assert.Equal(AdminApiFactory.Users, scrape.Value("billforu_settlement_bills_total", ("month", Month)));
        Assert.Equal(1, scrape.Value("billforu_settlement_runs_total", ("month", Month), ("status", "Completed")));
        Assert.Equal(1, scrape.Value("billforu_settlement_run_duration_seconds_count", ("month", Month), ("status", "Completed")));
        Assert.InRange(scrape.Value("billforu_settlement_run_duration_seconds_sum", ("month", Month), ("status", "Completed"))!.Value, runSeconds - 0.01, runSeconds + 0.01);
    }

    [Fact]
    public async Task Dlq_size_is_the_dead_lettered_notices_and_follows_a_replay()
    {
        using var operatorClient = settled.Api.Operator();
        var user = AdminApiFactory.DeadLetterUsers[^1];
        var bills = await operatorClient.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/bills?month={Month}&limit=500", AdminApiFactory.Json);
        var billId = bills.GetProperty("items").EnumerateArray().Single(b => b.GetProperty("userId").GetInt64() == user).GetProperty("billId").GetInt64();

        await AdminApiFactory.WaitForAsync(async () => (await ScrapeAsync()).Value("billforu_notifications_dlq_size") == AdminApiFactory.DeadLetterUsers.Length);
        (await operatorClient.PutAsJsonAsync($"/api/users/{user}/preferences/email", new { enabled = true, priority = 1 })).EnsureSuccessStatusCode();
        (await operatorClient.PostAsync($"/api/dlq/{billId}/replay", null)).EnsureSuccessStatusCode();
        await AdminApiFactory.WaitForAsync(async () => await SettledMonthHost.DeadLetterCountAsync(operatorClient) == AdminApiFactory.DeadLetterUsers.Length - 1);

        // The gauge's count is at most a few seconds old: the next scrapes catch up.
        await AdminApiFactory.WaitForAsync(async () => (await ScrapeAsync()).Value("billforu_notifications_dlq_size") == AdminApiFactory.DeadLetterUsers.Length - 1);
    }
}
