using BillForU.Hosting.Configuration;
using BillForU.Hosting.Extensions;
using BillForU.Silo.Cli;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace BillForU.Silo.Jobs;

/// <summary>Builds the silo host of the configured mode, turning a configuration refusal into a message and an exit code.</summary>
public static class SiloHost
{
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
    }
}
