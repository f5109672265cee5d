using System.Threading.Channels;
using BillForU.Domain.Generation;

namespace BillForU.Storage.Relational;

/// <summary>
/// Generates a dataset's users in blocks on the thread pool, several blocks ahead of the writer, and hands
/// them out in user order (ordered inserts keep the B-trees append-only). <c>prepare</c> runs on the same
/// worker, so whatever a block needs before it is written (serialising it, say) is parallel too. The generator
/// is deterministic per user, so parallel generation gives the same rows as a sequential one.
/// </summary>
internal static class OrderedBlockGenerator
{
    public const int DefaultBlockSize = 5_000;

    public static async IAsyncEnumerable<T> GenerateAsync<T>(
        DemoDataGenerator generator,
        int blockSize,
        Func<IReadOnlyList<GeneratedUser>, T> prepare,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var total = generator.Spec.Users;
        // Bounded: at most this many blocks are generated ahead of the writer, which caps memory.
        var pending = Channel.CreateBounded<Task<T>>(Math.Max(2, Environment.ProcessorCount * 2));
        using var producerCancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producer = Task.Run(async () =>
        {
            try
            {
                for (long first = 1; first <= total; first += blockSize)
                {
                    var start = first;
                    var count = (int)Math.Min(blockSize, total - first + 1);
                    await pending.Writer.WriteAsync(Task.Run(() => prepare(generator.GenerateBlock(start, count)), producerCancel.Token), producerCancel.Token);
                }
                pending.Writer.Complete();
            }
            catch (Exception e)
            {
                pending.Writer.Complete(e);
            }
        }, CancellationToken.None);
        try
        {
            await foreach (var block in pending.Reader.ReadAllAsync(cancellationToken))
            {
                yield return await block;
            }
        }
        finally
        {
            // The writer stopped early (failure or cancellation): stop generating and let the producer finish.
            await producerCancel.CancelAsync();
            await producer;
            while (pending.Reader.TryRead(out var abandoned))
            {
                await abandoned.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }
    }
}
