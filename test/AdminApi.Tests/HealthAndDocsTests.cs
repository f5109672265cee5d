using System.Net;
using System.Text.Json;

namespace BillForU.AdminApi.Tests;

[Collection(AdminApiCollection.Name)]
public sealed class HealthAndDocsTests(AdminApiFactory api)
{
    [Theory]
    [InlineData("/health")]
    [InlineData("/api/actuator/health")]
    public async Task Health_checks_the_sql_store_and_the_silo(string path)
    {
        using var client = api.Client();
        var health = JsonDocument.Parse(await client.GetStringAsync(path)).RootElement;
        Assert.Equal("UP", health.GetProperty("status").GetString());
        Assert.Equal("UP", health.GetProperty("components").GetProperty("sql").GetProperty("status").GetString());
        Assert.Equal("UP", health.GetProperty("components").GetProperty("orleans").GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_openapi_document_lists_every_route_and_the_credential_schemes()
    {
        using var client = api.Client();
        var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement;
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Contains("/api/settlement/{month}", paths);
        Assert.Contains("/api/dlq/replay-all", paths);
        Assert.Contains("/api/charts/hourly", paths);
        Assert.True(document.GetProperty("components").GetProperty("securitySchemes").TryGetProperty("ApiKey", out _));
    }

    [Fact]
    public async Task The_scalar_ui_is_served()
    {
        using var client = api.Client();
        var response = await client.GetAsync("/scalar");
        if (response.StatusCode is HttpStatusCode.MovedPermanently or HttpStatusCode.Redirect)
        {
            response = await client.GetAsync(response.Headers.Location);
        }
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_unknown_route_is_404_problem_details()
    {
        using var client = api.Reader();
        var response = await client.GetAsync("/api/nothing-here");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
