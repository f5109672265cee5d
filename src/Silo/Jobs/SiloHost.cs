using BillForU.Admin.Auth;
using BillForU.Admin.Extensions;
using BillForU.Hosting.Configuration;
using BillForU.Hosting.Extensions;
using BillForU.Hosting.Preflight;
using BillForU.Silo.Cli;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace BillForU.Silo.Jobs;

/// <summary>
/// Builds the silo host of the configured mode, on its own or with the admin API and dashboards served on it, turning
/// a configuration refusal into a message and an exit code.
/// </summary>
public static class SiloHost
{
    /// <summary>Where the admin API and dashboards listen, e.g. <c>http://0.0.0.0:5080</c>; <c>--dashboard-port</c> sets it on localhost.</summary>
    public const string AdminUrlSetting = "BillForU:Admin:Url";

    public const int DefaultAdminPort = 5080;

    public static async Task<(IHost? Host, BillForUOptions? Options, int ExitCode)> BuildAsync(
        IReadOnlyDictionary<string, string?> settings, TextWriter output, CancellationToken cancellationToken)
    {
        try
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
            builder.Configuration.AddInMemoryCollection(settings);
            var options = await builder.AddBillForUSiloAsync(cancellationToken);
            return (builder.Build(), options, ExitCodes.Success);
        }
        catch (BillForUConfigurationException e)
        {
            await output.WriteLineAsync($"configuration error: {e.Message}");
            return (null, null, ExitCodes.BadConfiguration);
        }
        catch (DependencyUnavailableException e)
        {
            await output.WriteLineAsync($"dependency unavailable: {e.Message}");
            return (null, null, ExitCodes.StorageUnavailable);
        }
    }

    /// <summary>
    /// The silo with the admin API, the web dashboard and the Orleans dashboard on it, as the admin API process serves
    /// them, listening on <see cref="AdminUrlSetting"/> once the host starts.
    /// </summary>
    public static async Task<(IHost? Host, BillForUOptions? Options, AdminSite? Site, int ExitCode)> BuildWithAdminAsync(
        IReadOnlyDictionary<string, string?> settings, TextWriter output, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(settings);
        BillForUOptions options;
        try
        {
            options = await builder.AddBillForUSiloAsync(cancellationToken);
        }
        catch (BillForUConfigurationException e)
        {
            await output.WriteLineAsync($"configuration error: {e.Message}");
            return (null, null, null, ExitCodes.BadConfiguration);
        }
        catch (DependencyUnavailableException e)
        {
            await output.WriteLineAsync($"dependency unavailable: {e.Message}");
            return (null, null, null, ExitCodes.StorageUnavailable);
        }
        LocalAdminKeys? keys;
        try
        {
            keys = await builder.AddAdminWebAsync(options, output, cancellationToken);
        }
        catch (BillForUConfigurationException e)
        {
            await output.WriteLineAsync($"configuration error: {e.Message}");
            await output.WriteLineAsync("(The run serves the admin API after its summary; --exit skips it and needs no admin keys.)");
            return (null, null, null, ExitCodes.BadConfiguration);
        }
        var url = builder.Configuration[AdminUrlSetting] ?? $"http://localhost:{DefaultAdminPort}";
        builder.WebHost.UseUrls(url);
        var app = builder.Build();
        app.UseBillForUAdmin();
        app.MapBillForUAdmin();
        return (app, options, new AdminSite(url, keys), ExitCodes.Success);
    }
}
