using System.Text.Json;
using System.Threading.Channels;
using BillForU.Channels.Logging;
using Microsoft.Extensions.Logging;

namespace BillForU.Channels.Outbox;

/// <summary>
/// Appends JSON lines to one file from any number of senders. Senders serialise their own line and queue it; one
/// writer drains the queue into a buffered stream and flushes once per drained batch, then completes every send in
/// the batch, so a send returns only when its line reached the file (the OS cache: the outbox is an inspection
/// artefact, not a ledger, so there is no fsync) and the file is opened once, not per line.
/// </summary>
internal sealed class JsonLinesOutbox : IAsyncDisposable
{
    // Bounded so a stalled disk slows the senders down instead of filling memory (~64k lines is ~25 MB).
    private const int QueueCapacity = 65_536;

    // Upper bound of one flush, so early senders of a long backlog are not held until the whole backlog is written.
    private const int MaxLinesPerFlush = 8_192;

    private const byte NewLine = (byte)'\n';

    private readonly Channel<PendingLine> _queue = Channel.CreateBounded<PendingLine>(
        new BoundedChannelOptions(QueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private readonly FileStream _file;
    private readonly ILogger _logger;
    private readonly Task _writing;

    public JsonLinesOutbox(string path, ILogger logger)
    {
        Path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        _file = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 1 << 16);
        _logger = logger;
        _writing = Task.Run(WriteAsync);
    }

    public string Path { get; }

    /// <summary>Completes when the line is in the file; throws <see cref="IOException"/> when it could not be written.</summary>
    public async Task AppendAsync(OutboxLine line, CancellationToken cancellationToken)
    {
        var pending = new PendingLine(
            JsonSerializer.SerializeToUtf8Bytes(line, ChannelJsonContext.Default.OutboxLine),
            new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        await _queue.Writer.WriteAsync(pending, cancellationToken);
        await pending.Written.Task.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writing;
        await _file.DisposeAsync();
    }

    private async Task WriteAsync()
    {
        var batch = new List<TaskCompletionSource>(MaxLinesPerFlush);
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync())
        {
            try
            {
                while (batch.Count < MaxLinesPerFlush && reader.TryRead(out var line))
                {
                    batch.Add(line.Written);
                    _file.Write(line.Json);
                    _file.WriteByte(NewLine);
                }
                await _file.FlushAsync();
                batch.ForEach(written => written.TrySetResult());
            }
            catch (IOException e)
            {
                _logger.OutboxWriteFailed(Path, e.Message);
                batch.ForEach(written => written.TrySetException(e));
            }
            batch.Clear();
        }
    }

    private readonly record struct PendingLine(byte[] Json, TaskCompletionSource Written);
}
