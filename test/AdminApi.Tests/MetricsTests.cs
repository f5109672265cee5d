using System.Net;

namespace BillForU.AdminApi.Tests;

[Collection(AdminApiCollection.Name)]
public sealed class MetricsTests(AdminApiFactory api)
{
    [Fact]
    public async Task Prometheus_scrape_shows_notices_by_channel_and_status_to_a_reader_only()
    {
        using var anonymous = api.Client();
        using var reader = api.Reader();

        var refused = await anonymous.GetAsync("/metrics");
        var scrape = await reader.GetStringAsync("/metrics");

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("billforu_notifications_outcomes_total{", scrape);
        Assert.Contains("status=\"Sent\"", scrape);
        Assert.Contains("billforu_notifications_in_flight", scrape);
    }
}
