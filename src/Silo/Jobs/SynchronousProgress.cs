namespace BillForU.Silo.Jobs;

/// <summary>
/// Reports on the caller's thread, in order. <see cref="Progress{T}"/> posts to the thread pool, which
/// lets a late report overwrite the final line.
/// </summary>
public sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
