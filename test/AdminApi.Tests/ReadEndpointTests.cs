using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace BillForU.AdminApi.Tests;

/// <summary>Every read endpoint answers a reader key with a bounded body.</summary>
[Collection(AdminApiCollection.Name)]
public sealed class ReadEndpointTests(AdminApiFactory api)
{
    private async Task<JsonElement> GetAsync(string path)
    {
        using var client = api.Reader();
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(AdminApiFactory.Json);
    }

    [Fact]
    public async Task Data_stats_show_the_dataset_the_latest_run_and_notice_counts()
    {
        var stats = await GetAsync("/api/data/stats");
        Assert.Equal(AdminApiFactory.Users, stats.GetProperty("dataset").GetProperty("users").GetInt32());
        Assert.Equal(api.Month.ToString(), stats.GetProperty("latestRun").GetProperty("month").GetString());
        Assert.True(stats.GetProperty("noticesTotal").GetInt64() > 0);
    }

    [Fact]
    public async Task Failed_list_holds_the_dead_letters_paged_by_bill()
    {
        var first = await GetAsync("/api/retry/failed-list?limit=1");
        Assert.Single(first.GetProperty("items").EnumerateArray());
        var next = first.GetProperty("next").GetInt64();
        var second = await GetAsync($"/api/retry/failed-list?after={next}&limit=500");
        Assert.All(second.GetProperty("items").EnumerateArray(), i => Assert.True(i.GetProperty("billId").GetInt64() > next));
    }

    [Fact]
    public async Task Reconciliation_places_every_bill_of_the_month_under_one_outcome()
    {
        JsonElement report = default;
        await AdminApiFactory.WaitForAsync(async () =>
        {
            report = await GetAsync($"/api/reconciliation/{api.Month}");
            return Count(report, "Missing") == 0 && Count(report, "InFlight") == 0;
        });
        var bills = report.GetProperty("bills").GetInt64();
        Assert.Equal(api.BillOfUser.Count, bills);
        Assert.Equal(bills, report.GetProperty("statuses").EnumerateArray().Sum(s => s.GetProperty("bills").GetInt64()));
        Assert.Equal(AdminApiFactory.DeadLetterUsers.Length, Count(report, "DeadLettered"));
        Assert.True(Count(report, "Waiting") >= AdminApiFactory.ScheduledUsers.Length, report.ToString());
        Assert.True(Count(report, "Sent") > 0, report.ToString());
        Assert.Empty(report.GetProperty("firstMissingBillIds").EnumerateArray());
        Assert.Equal(0, report.GetProperty("noticesSentMoreThanOnce").GetInt64());
    }

    private static long Count(JsonElement report, string status) =>
        report.GetProperty("statuses").EnumerateArray().Where(s => s.GetProperty("status").GetString() == status).Sum(s => s.GetProperty("bills").GetInt64());

    [Fact]
    public async Task Status_summary_counts_by_channel_and_status()
    {
        var summary = await GetAsync("/api/retry/status-summary");
        Assert.Contains(summary.GetProperty("rows").EnumerateArray(), r => r.GetProperty("status").GetString() == "Scheduled");
        Assert.True(summary.GetProperty("totals").GetProperty("Sent").GetInt64() > 0);
    }

    [Fact]
    public async Task Queue_detail_lists_unfinished_notices()
    {
        var queue = await GetAsync("/api/queue/detail?limit=500");
        Assert.Contains(queue.GetProperty("items").EnumerateArray(), i => i.GetProperty("status").GetString() == "Scheduled");
    }

    [Fact]
    public async Task Store_stats_name_the_stores_and_count_from_counters()
    {
        var stats = await GetAsync("/api/redis/stats");
        Assert.Equal("Embedded", stats.GetProperty("mode").GetString());
        Assert.Equal("Sqlite", stats.GetProperty("sqlStore").GetString());
        Assert.True(stats.GetProperty("notices").GetProperty("accepted").GetInt64() >= AdminApiFactory.Users - 1);
    }

    [Fact]
    public async Task Bills_page_by_user_and_detail_shows_lines_deliveries_and_masked_contacts()
    {
        var page = await GetAsync($"/api/bills?month={api.Month}&limit=10");
        Assert.Equal(10, page.GetProperty("items").GetArrayLength());
        Assert.Equal(10, page.GetProperty("next").GetInt64());

        var detail = await GetAsync($"/api/bills/{api.BillOfUser[AdminApiFactory.SentUser]}");
        Assert.NotEmpty(detail.GetProperty("lines").EnumerateArray());
        Assert.Equal("Sent", detail.GetProperty("deliveries")[0].GetProperty("status").GetString());
        Assert.NotEmpty(detail.GetProperty("attempts").EnumerateArray());
        Assert.Equal("us****@billforu.test", detail.GetProperty("contacts").GetProperty("email").GetString());
        Assert.Equal("010-****-0010", detail.GetProperty("contacts").GetProperty("phone").GetString());
    }

    [Fact]
    public async Task User_shows_masked_contacts_and_preferences()
    {
        var user = await GetAsync($"/api/users/{AdminApiFactory.SentUser}");
        Assert.Equal("us****@billforu.test", user.GetProperty("contacts").GetProperty("email").GetString());
        Assert.True(user.GetProperty("preferences").GetProperty("Email").GetProperty("enabled").GetBoolean());

        var preference = await GetAsync("/api/users/2/preferences/EMAIL");
        Assert.Equal(27, preference.GetProperty("sendDay").GetInt32());
    }

    [Fact]
    public async Task Policies_list_and_one_channel()
    {
        var all = await GetAsync("/api/policies");
        Assert.Equal(3, all.EnumerateObject().Count());
        var sms = await GetAsync("/api/policies/sms");
        Assert.False(sms.GetProperty("quietEnabled").GetBoolean());
    }

    [Fact]
    public async Task Schedules_list_the_scheduled_notices()
    {
        var schedules = await GetAsync("/api/schedules?limit=500");
        var billIds = schedules.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("billId").GetInt64()).ToArray();
        Assert.Contains(api.BillOfUser[AdminApiFactory.ScheduledUsers[0]], billIds);
    }

    [Fact]
    public async Task Dlq_lists_dead_letters()
    {
        var dlq = await GetAsync("/api/dlq?limit=500");
        Assert.All(dlq.GetProperty("items").EnumerateArray(), i => Assert.Equal("DeadLettered", i.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task Hourly_chart_has_24_points_with_this_hours_sends()
    {
        var points = await GetAsync("/api/charts/hourly");
        Assert.Equal(24, points.GetArrayLength());
        Assert.True(points[23].GetProperty("sent").GetInt64() + points[22].GetProperty("sent").GetInt64() > 0);
    }

    [Fact]
    public async Task Settlement_status_and_history()
    {
        var status = await GetAsync($"/api/settlement/{api.Month}");
        Assert.Equal(1.0, status.GetProperty("progress").GetDouble());
        Assert.Equal(0.0, status.GetProperty("etaSeconds").GetDouble());
        var runs = await GetAsync("/api/settlement/runs?limit=5");
        Assert.Contains(runs.GetProperty("items").EnumerateArray(), r => r.GetProperty("month").GetString() == api.Month.ToString());
    }
}
