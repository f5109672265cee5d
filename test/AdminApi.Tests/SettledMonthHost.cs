using System.Net.Http.Json;
using System.Text.Json;

namespace BillForU.AdminApi.Tests;

/// <summary>
/// A host of its own (see <see cref="DashboardHost"/>) whose month is settled through the API once, then waited on until
/// the dead letters of <see cref="AdminApiFactory.DeadLetterUsers"/> are on record. Its counters hold this one settlement.
/// </summary>
public sealed class SettledMonthHost : IAsyncLifetime
{
    public DashboardHost Api { get; } = new();

    /// <summary>The run as the API reports it once completed.</summary>
    public JsonElement Run { get; private set; }

    public async Task InitializeAsync()
    {
        await ((IAsyncLifetime)Api).InitializeAsync();
        using var client = Api.Operator();
        (await client.PostAsync($"/api/settlement/{Api.Month}", null)).EnsureSuccessStatusCode();
        await AdminApiFactory.WaitForAsync(async () =>
        {
            Run = await client.GetFromJsonAsync<JsonElement>($"/api/settlement/{Api.Month}", AdminApiFactory.Json);
            return Run.GetProperty("status").GetString() == "Completed";
        });
        await AdminApiFactory.WaitForAsync(async () => await DeadLetterCountAsync(client) == AdminApiFactory.DeadLetterUsers.Length);
    }

    /// <summary>Dead letters as the API lists them.</summary>
    public static async Task<int> DeadLetterCountAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/dlq?limit=500", AdminApiFactory.Json)).GetProperty("items").GetArrayLength();

    public Task DisposeAsync() => ((IAsyncLifetime)Api).DisposeAsync();
}
