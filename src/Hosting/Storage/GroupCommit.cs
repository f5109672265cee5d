using System.Collections.Concurrent;

namespace BillForU.Hosting.Storage;

/// <summary>
/// Runs requests in batches, one batch out at a time: a request that finds nothing going out goes at once (alone, at an
/// idle moment); requests that arrive while a batch is out go together in the next. Batches grow with the load, with
/// no timer and no added wait when the load is light.
/// </summary>
/// <param name="execute">Runs one batch; returns one result per request, in order. A throw fails every request of the batch, and those queued behind it.</param>
/// <param name="maxBatch">The largest batch, so that one batch's work stays short for whatever runs it.</param>
internal sealed class GroupCommit<TRequest, TResult>(Func<IReadOnlyList<TRequest>, Task<IReadOnlyList<TResult>>> execute, int maxBatch)
{
    private readonly ConcurrentQueue<(TRequest Request, TaskCompletionSource<TResult> Result)> _queue = new();
    private int _draining;

    public Task<TResult> RunAsync(TRequest request)
    {
        var result = new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        _queue.Enqueue((request, result));
        if (Interlocked.Exchange(ref _draining, 1) == 0)
        {
            // Off the caller's scheduler: a grain calls here, and the batches must not run as that activation's work.
            _ = Task.Run(DrainAsync);
        }
        return result.Task;
    }

    private async Task DrainAsync()
    {
        var requests = new List<TRequest>(maxBatch);
        var results = new List<TaskCompletionSource<TResult>>(maxBatch);
        while (true)
        {
            while (requests.Count < maxBatch && _queue.TryDequeue(out var next))
            {
                requests.Add(next.Request);
                results.Add(next.Result);
            }
            if (requests.Count == 0)
            {
                Volatile.Write(ref _draining, 0);
                // A request queued between the last dequeue and the flag's reset saw the flag still set and left it here.
                if (_queue.IsEmpty || Interlocked.Exchange(ref _draining, 1) == 1)
                {
                    return;
                }
                continue;
            }
            try
            {
                var outcomes = await execute(requests).ConfigureAwait(false);
                for (var i = 0; i < results.Count; i++)
                {
                    results[i].TrySetResult(outcomes[i]);
                }
            }
            catch (Exception e)
            {
                // What waits behind a failed batch fails with it rather than waiting its own turn to fail: with one batch
                // out at a time, a store that times out would otherwise hold the last of a thousand requests for a
                // thousand / maxBatch time-outs. Callers retry from their own state, as after any failed write.
                while (_queue.TryDequeue(out var waiting))
                {
                    results.Add(waiting.Result);
                }
                results.ForEach(r => r.TrySetException(e));
            }
            requests.Clear();
            results.Clear();
        }
    }
}
