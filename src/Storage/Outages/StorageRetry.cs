using Microsoft.Extensions.Options;

namespace BillForU.Storage.Outages;

/// <summary>
/// Runs a store call until it succeeds, waiting out outages with <see cref="StorageBackoff"/> and telling
/// <see cref="StorageOutage"/> when this call starts and stops waiting. Failures that are not an outage
/// (see <see cref="StorageFaults.IsOutage"/>) are thrown at once unless the caller retries everything.
/// </summary>
public sealed class StorageRetry(StorageOutage outage, IOptions<StorageRetryOptions> options, TimeProvider time)
{
    private readonly StorageRetryOptions _options = options.Value;

    public StorageOutage Outage => outage;

    /// <summary>The wait after <paramref name="failures"/> consecutive failures, jittered.</summary>
    public TimeSpan DelayAfter(int failures) =>
        StorageBackoff.Delay(failures, _options.InitialDelay, _options.MaxDelay, Random.Shared.NextDouble());

    public Task WaitAsync(int failures, CancellationToken cancellationToken) =>
        Task.Delay(DelayAfter(failures), time, cancellationToken);

    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken, bool retryEveryFailure = false)
    {
        var caller = new object();
        try
        {
            for (var failures = 1; ; failures++)
            {
                try
                {
                    var result = await call(cancellationToken);
                    outage.ReportSuccess(caller);
                    return result;
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested && (retryEveryFailure || StorageFaults.IsOutage(e)))
                {
                    outage.ReportFailure(caller, e);
                }
                await WaitAsync(failures, cancellationToken);
            }
        }
        finally
        {
            // A caller that gives up (cancelled, or a failure that is not an outage) holds no outage open.
            outage.ReportSuccess(caller);
        }
    }

    public Task RunAsync(Func<CancellationToken, Task> call, CancellationToken cancellationToken, bool retryEveryFailure = false) =>
        RunAsync(async token =>
        {
            await call(token);
            return true;
        }, cancellationToken, retryEveryFailure);
}
