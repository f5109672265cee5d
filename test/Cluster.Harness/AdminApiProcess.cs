using System.Net.Http.Headers;
using BillForU.TestSupport;

namespace BillForU.Cluster.Harness;

/// <summary>The admin API as a process in cluster mode (an Orleans client of the cluster), with an operator and a reader key.</summary>
public sealed class AdminApiProcess(ManagedProcess process, Uri baseAddress, string operatorKey, string readerKey)
{
    public ManagedProcess Process { get; } = process;

    public Uri BaseAddress { get; } = baseAddress;

    public string OperatorKey { get; } = operatorKey;

    public string ReaderKey { get; } = readerKey;

    /// <summary>An HTTP client of the API that sends <paramref name="key"/> (none: anonymous).</summary>
    public HttpClient Client(string? key = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
        }
        return client;
    }

    internal async Task WaitUntilAnsweringAsync(TimeSpan timeout)
    {
        using var client = Client();
        client.Timeout = TimeSpan.FromSeconds(5);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (Process.HasExited)
            {
                throw new InvalidOperationException($"The admin API exited with code {Process.ExitCode} while starting:\n{Process.Tail(60)}");
            }
            try
            {
                using var response = await client.GetAsync("health");
                return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && DateTime.UtcNow < deadline)
            {
                await Task.Delay(250);
            }
        }
    }
}
