using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace BillForU.AdminApi.Tests;

/// <summary>The operator's actions through the real pipeline, down to the grains and the delivery log.</summary>
[Collection(AdminApiCollection.Name)]
public sealed class OperatorActionTests(AdminApiFactory api)
{
    [Fact]
    public async Task A_second_run_of_a_settled_month_is_409_and_force_starts_another()
    {
        using var client = api.Operator();
        var again = await client.PostAsync($"/api/settlement/{api.Month}", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);

        var forced = await client.PostAsync($"/api/settlement/{api.Month}?force=true", null);
        Assert.Equal(HttpStatusCode.Accepted, forced.StatusCode);
        var active = await client.PostAsync($"/api/settlement/{api.Month}", null);
        // While the forced run is active a start is refused; once done, the month is settled: 409 either way.
        Assert.Equal(HttpStatusCode.Conflict, active.StatusCode);
        await AdminApiFactory.WaitForAsync(async () =>
            (await client.GetFromJsonAsync<JsonElement>($"/api/settlement/{api.Month}", AdminApiFactory.Json)).GetProperty("status").GetString() == "Completed");
    }

    [Fact]
    public async Task Repairing_a_month_with_nothing_missing_hands_over_nothing()
    {
        using var client = api.Operator();
        await AdminApiFactory.WaitForAsync(async () =>
            (await client.GetFromJsonAsync<JsonElement>($"/api/reconciliation/{api.Month}", AdminApiFactory.Json))
                .GetProperty("firstMissingBillIds").GetArrayLength() == 0);
        var response = await client.PostAsync($"/api/reconciliation/{api.Month}/repair", null);
        response.EnsureSuccessStatusCode();
        var repair = await response.Content.ReadFromJsonAsync<JsonElement>(AdminApiFactory.Json);
        Assert.Equal(0, repair.GetProperty("handedOver").GetInt64());
        Assert.Equal(api.BillOfUser.Count, repair.GetProperty("now").GetProperty("bills").GetInt64());
    }

    [Fact]
    public async Task Cancelling_a_month_without_an_active_run_is_409()
    {
        using var client = api.Operator();
        Assert.Equal(HttpStatusCode.Conflict, (await client.DeleteAsync("/api/settlement/2001-02")).StatusCode);
    }

    [Fact]
    public async Task Retrying_a_dead_letter_is_accepted_and_a_sent_notice_is_409()
    {
        using var client = api.Operator();
        var refused = await client.PostAsync($"/api/retry/process/{api.BillOfUser[AdminApiFactory.DeadLetterUsers[0]]}", null);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        // A replay follows the user's preferences: once a channel is enabled again, the retry is accepted.
        (await client.PutAsJsonAsync($"/api/users/{AdminApiFactory.DeadLetterUsers[0]}/preferences/email", new { enabled = true, priority = 1 })).EnsureSuccessStatusCode();
        var retried = await client.PostAsync($"/api/retry/process/{api.BillOfUser[AdminApiFactory.DeadLetterUsers[0]]}", null);
        Assert.Equal(HttpStatusCode.Accepted, retried.StatusCode);

        var sent = await client.PostAsync($"/api/retry/process/{api.BillOfUser[AdminApiFactory.SentUser]}", null);
        Assert.Equal(HttpStatusCode.Conflict, sent.StatusCode);
        Assert.Equal("Already sent", (await sent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
    }

    [Fact]
    public async Task Replaying_one_dead_letter_and_a_batch()
    {
        using var client = api.Operator();
        (await client.PutAsJsonAsync($"/api/users/{AdminApiFactory.DeadLetterUsers[1]}/preferences/sms", new { enabled = true, priority = 1 })).EnsureSuccessStatusCode();
        var one = await client.PostAsync($"/api/dlq/{api.BillOfUser[AdminApiFactory.DeadLetterUsers[1]]}/replay", null);
        Assert.Equal(HttpStatusCode.Accepted, one.StatusCode);

        var batch = await client.PostAsync("/api/dlq/replay-all?limit=500", null);
        Assert.Equal(HttpStatusCode.OK, batch.StatusCode);
        var body = await batch.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(body.GetProperty("replayed").GetInt32() + body.GetProperty("skipped").GetInt32() >= 0);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("next").ValueKind);
    }

    [Fact]
    public async Task Rescheduling_then_cancelling_a_scheduled_notice()
    {
        using var client = api.Operator();
        var billId = api.BillOfUser[AdminApiFactory.ScheduledUsers[1]];
        var at = DateTimeOffset.UtcNow.AddDays(3);
        var moved = await client.PutAsJsonAsync($"/api/schedules/{billId}", new { atUtc = at });
        Assert.Equal(HttpStatusCode.Accepted, moved.StatusCode);

        var cancelled = await client.DeleteAsync($"/api/schedules/{billId}");
        Assert.Equal(HttpStatusCode.Accepted, cancelled.StatusCode);
        await AdminApiFactory.WaitForAsync(async () => await AdminApiFactory.StatusOfAsync(client, billId) == "Cancelled");

        var again = await client.DeleteAsync($"/api/schedules/{billId}");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task Setting_a_preference_and_a_policy_reads_back()
    {
        using var client = api.Operator();
        var put = await client.PutAsJsonAsync("/api/users/20/preferences/push",
            new { enabled = true, priority = 3, quietStart = "23:00:00", quietEnd = "07:00:00", sendDay = 5, sendTime = "10:30:00" });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var read = await client.GetFromJsonAsync<JsonElement>("/api/users/20/preferences/push", AdminApiFactory.Json);
        Assert.Equal("23:00:00", read.GetProperty("quietStart").GetString());
        Assert.Equal(5, read.GetProperty("sendDay").GetInt32());

        var policy = await client.PutAsJsonAsync("/api/policies/push", new { quietEnabled = false, quietStart = "21:30:00", quietEnd = "08:00:00" });
        Assert.Equal(HttpStatusCode.OK, policy.StatusCode);
        Assert.Equal("21:30:00", (await client.GetFromJsonAsync<JsonElement>("/api/policies/push", AdminApiFactory.Json)).GetProperty("quietStart").GetString());
    }

    [Fact]
    public async Task A_preference_of_an_unknown_user_is_404()
    {
        using var client = api.Operator();
        var put = await client.PutAsJsonAsync("/api/users/999999/preferences/email", new { enabled = true, priority = 1 });
        Assert.Equal(HttpStatusCode.NotFound, put.StatusCode);
    }
}
