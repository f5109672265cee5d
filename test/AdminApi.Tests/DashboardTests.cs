using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace BillForU.AdminApi.Tests;

/// <summary>
/// The dashboard at / in Debian's Chromium (headless, driven by Playwright) against the API on a real port:
/// the operator types the key, settles the month, watches the progress reach 100%, reads the funnel and
/// retries a dead-lettered notice.
/// </summary>
public sealed class DashboardTests(DashboardHost host) : IClassFixture<DashboardHost>
{
    private const string Chromium = "/usr/bin/chromium";
    private static readonly string[] ChromiumFlags =
        ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];
    private static readonly LocatorAssertionsToHaveTextOptions Patiently = new() { Timeout = 60_000 };

    [Fact]
    public async Task The_page_and_its_bundle_load_without_a_key_and_the_api_still_needs_one()
    {
        using var client = new HttpClient { BaseAddress = host.BaseAddress };
        var page = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<script src=\"app.js\"></script>", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Chart.js is bundled into app.js by the build: the page loads nothing from elsewhere.
        Assert.DoesNotContain("https://", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var bundle = await client.GetAsync("/app.js");
        Assert.Equal(HttpStatusCode.OK, bundle.StatusCode);
        Assert.Equal("text/javascript", bundle.Content.Headers.ContentType?.MediaType);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/data/stats")).StatusCode);
    }

    [Fact]
    public async Task An_operator_settles_a_month_reads_the_funnel_and_retries_a_failed_notice()
    {
        Assert.True(File.Exists(Chromium),
            $"Chromium is missing at {Chromium}: run the README's test command (scripts/test.sh), which installs it, or `apt-get install -y chromium`.");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ChromiumFlags,
        });
        var page = await browser.NewPageAsync(new() { BaseURL = host.BaseAddress.ToString(), ViewportSize = new() { Width = 1400, Height = 1000 } });
        var pageErrors = new List<string>();
        page.PageError += (_, error) => pageErrors.Add(error);

        var response = await page.GotoAsync("/");
        Assert.Equal(200, response?.Status);

        await page.FillAsync("#api-key", AdminApiFactory.OperatorKey);
        await page.ClickAsync("#key-form button[type=submit]");
        await Assertions.Expect(page.Locator("#key-status")).ToHaveTextAsync("key set");

        // Settle the month from the dashboard and follow it to the end.
        await page.FillAsync("#month", host.Month.ToString());
        await page.ClickAsync("#start-settlement");
        await Assertions.Expect(page.Locator("#progress-text")).ToHaveTextAsync("100%", Patiently);
        await Assertions.Expect(page.Locator("#run-status")).ToContainTextAsync("Completed", new() { Timeout = 60_000 });

        // The funnel: every user billed; the users without an enabled channel dead-lettered (the log is written in batches).
        await Assertions.Expect(page.Locator("[data-count=bills]")).ToHaveTextAsync(AdminApiFactory.Users.ToString(), Patiently);
        await Assertions.Expect(page.Locator("[data-count=dead]")).ToHaveTextAsync(AdminApiFactory.DeadLetterUsers.Length.ToString(), Patiently);
        Assert.NotEqual("0", await page.Locator("[data-count=sent]").TextContentAsync());

        // Reconciliation: every bill of the month under one outcome, none missing, so there is nothing to repair.
        await Assertions.Expect(page.Locator("[data-outcome=bills]")).ToHaveTextAsync(AdminApiFactory.Users.ToString(), Patiently);
        await Assertions.Expect(page.Locator("[data-outcome=Missing]")).ToHaveTextAsync("0", Patiently);
        await Assertions.Expect(page.Locator("[data-outcome=DeadLettered]")).ToHaveTextAsync(AdminApiFactory.DeadLetterUsers.Length.ToString(), Patiently);
        await Assertions.Expect(page.Locator("#repair")).ToBeDisabledAsync();

        // Retry a dead-lettered notice from the failed list, once the user has a channel enabled again.
        await EnableEmailAsync(AdminApiFactory.DeadLetterUsers[0]);
        var billId = await BillOfAsync(AdminApiFactory.DeadLetterUsers[0]);
        var row = page.Locator($"#failed-rows tr[data-bill='{billId}']");
        await Assertions.Expect(row).ToHaveCountAsync(1, new() { Timeout = 60_000 });
        await row.GetByRole(AriaRole.Button, new() { Name = "Retry" }).ClickAsync();
        await Assertions.Expect(page.Locator("#failed-message")).ToHaveTextAsync($"Retry of bill {billId} accepted.", Patiently);

        // Cancel a scheduled send (the demo dataset has users with a send day).
        var scheduled = page.Locator("#schedule-rows tr").First;
        await Assertions.Expect(scheduled).ToBeVisibleAsync(new() { Timeout = 60_000 });
        var scheduledBill = await scheduled.GetAttributeAsync("data-bill");
        await scheduled.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Assertions.Expect(page.Locator("#schedule-message")).ToHaveTextAsync($"Cancel of bill {scheduledBill} accepted.", Patiently);

        // The bill lookup shows the contacts masked.
        await page.FillAsync("#bill-id", billId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.ClickAsync("#bill-form button[type=submit]");
        await Assertions.Expect(page.Locator("#bill-output .email")).ToContainTextAsync("*");

        await Assertions.Expect(page.Locator("#error")).ToBeHiddenAsync();
        var screenshot = Path.Combine(AppContext.BaseDirectory, "TestResults", "dashboard.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        await page.ScreenshotAsync(new() { Path = screenshot, FullPage = true });
        Assert.True(new FileInfo(screenshot).Length > 0);
        Assert.Empty(pageErrors);
    }

    [Fact]
    public async Task The_orleans_dashboard_opens_in_a_browser_that_logs_in_with_the_reader_key()
    {
        Assert.True(File.Exists(Chromium), $"Chromium is missing at {Chromium}: run the README's test command (scripts/test.sh).");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = ChromiumFlags });
        await using var context = await browser.NewContextAsync(new()
        {
            BaseURL = host.BaseAddress.ToString(),
            // What a person types into the browser's login box: any user name, the key as the password.
            HttpCredentials = new() { Username = "reader", Password = AdminApiFactory.ReaderKey },
        });
        var page = await context.NewPageAsync();
        var pageErrors = new List<string>();
        page.PageError += (_, error) => pageErrors.Add(error);
        var dataAnswers = new List<int>();
        page.Response += (_, response) =>
        {
            if (response.Url.Contains("/orleans/DashboardCounters", StringComparison.Ordinal))
            {
                dataAnswers.Add(response.Status);
            }
        };

        var response = await page.GotoAsync("/orleans");

        Assert.Equal(200, response?.Status);
        Assert.EndsWith("/orleans/", page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.GetByText("Active Silos")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        Assert.Contains(200, dataAnswers);
        Assert.Empty(pageErrors);
    }

    private async Task EnableEmailAsync(long userId)
    {
        using var client = host.Operator();
        (await client.PutAsJsonAsync($"/api/users/{userId}/preferences/email", new { enabled = true, priority = 1 })).EnsureSuccessStatusCode();
    }

    private async Task<long> BillOfAsync(long userId)
    {
        using var client = host.Operator();
        var bills = await client.GetFromJsonAsync<JsonElement>($"/api/bills?month={host.Month}&limit=500", AdminApiFactory.Json);
        return bills.GetProperty("items").EnumerateArray().Single(b => b.GetProperty("userId").GetInt64() == userId).GetProperty("billId").GetInt64();
    }
}
