using System.Net;
using System.Net.Sockets;
using BillForU.Admin.Apis;
using BillForU.Admin.Auth;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BillForU.Silo.Jobs;

/// <summary>What the run command leaves up after its summary: the admin API and dashboards on its silo, at <paramref name="Url"/>.</summary>
/// <param name="Keys">The local key file and its reader key, when the keys came from there.</param>
public sealed record AdminSite(string Url, LocalAdminKeys? Keys)
{
    /// <summary>
    /// Why <see cref="Url"/> cannot be listened on (its port is taken, or not ours to take), or null. Checked before the
    /// run starts anything, so a busy port is a one-line refusal rather than a settled month and a failed host start.
    /// </summary>
    public string? ListenRefusal()
    {
        var binding = BindingAddress.Parse(Url);
        if (binding.Port == 0)
        {
            return null;
        }
        // As Kestrel binds: localhost on the IPv4 loopback (and IPv6 when it can), an address as given, any other name on all interfaces.
        var address = string.Equals(binding.Host, "localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback
            : IPAddress.TryParse(binding.Host, out var parsed) ? parsed
            : IPAddress.Any;
        using var probe = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        // Kestrel reuses addresses too: connections of an earlier run in TIME_WAIT must not count as the port being taken.
        probe.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        try
        {
            probe.Bind(new IPEndPoint(address, binding.Port));
            return null;
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AccessDenied or SocketError.AddressNotAvailable)
        {
            return $"{address}:{binding.Port} is not free to listen on for {Url} ({e.Message})";
        }
    }

    /// <summary>Prints where the dashboards are and which key opens them, then waits for Ctrl+C (or the host being stopped).</summary>
    public async Task ServeAsync(IHost host, TextWriter output, CancellationToken cancellationToken)
    {
        // The address Kestrel actually bound, so a configured host name or port reads back as it is served.
        var address = host.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First().TrimEnd('/') + "/";
        await output.WriteLineAsync();
        await output.WriteLineAsync(Keys is null
            ? $"Dashboard: {address}  (sign in with a key configured in BillForU:Admin)"
            : $"Dashboard: {address}  (reader key: {Keys.ReaderKey} from {Keys.File}; the operator key is there too)");
        await output.WriteLineAsync($"  Orleans dashboard: {address}{OrleansDashboardApi.Path.TrimStart('/')}/ (the browser asks for a key as the password); API: {address}scalar");
        await output.WriteLineAsync("  Serving until Ctrl+C; --exit stops after the summary instead.");

        var stopping = host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(stopping, cancellationToken);
        await Task.Delay(Timeout.InfiniteTimeSpan, stop.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }
}
