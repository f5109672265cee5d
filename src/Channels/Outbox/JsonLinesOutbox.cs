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
/// The file holds one line per notification id: the writer first reads the ids already there
/// (<see cref="OutboxLineIndex"/>) and appends only ids it has not seen, so a notice sent again after a crash, or by
/// two senders at once, is in the file once, as a relay keeps one message per Message-ID.
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

    private readonly ILogger _logger;
    private readonly Task _writing;

    // Both owned by the writer task. Null after a failed write: the file is then reopened and read again, since
    // only the file knows which lines of the failed batch made it.
    private FileStream? _file;
    private HashSet<string>? _ids;

    public JsonLinesOutbox(string path, ILogger logger)
    {
        Path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        _file = Open(Path);
        _logger = logger;
        _writing = Task.Run(WriteAsync);
    }

    public string Path { get; }

    /// <summary>Completes when the line is in the file; throws <see cref="IOException"/> when it could not be written.</summary>
    /// <returns>False when the file already had a line for the notice: it is left as it was.</returns>
    public Task<bool> AppendAsync(OutboxLine line, CancellationToken cancellationToken) =>
        QueueAsync(line.NotificationId, JsonSerializer.SerializeToUtf8Bytes(line, ChannelJsonContext.Default.OutboxLine), cancellationToken);

    /// <summary>Whether the file has a line for the notice, once every line queued before is in the file.</summary>
    public Task<bool> ContainsAsync(string notificationId, CancellationToken cancellationToken) =>
        QueueAsync(notificationId, json: null, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writing;
        Close();
    }

    private async Task<bool> QueueAsync(string notificationId, byte[]? json, CancellationToken cancellationToken)
    {
        var pending = new PendingLine(notificationId, json, new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously));
        await _queue.Writer.WriteAsync(pending, cancellationToken);
        return await pending.Done.Task.WaitAsync(cancellationToken);
    }

    private async Task WriteAsync()
    {
        var batch = new List<PendingLine>(MaxLinesPerFlush);
        var results = new bool[MaxLinesPerFlush];
        var reader = _queue.Reader;
        // Read the existing ids straight away, while the first notices are still being rendered.
        await TryIndexAsync();
        while (await reader.WaitToReadAsync())
        {
            while (batch.Count < MaxLinesPerFlush && reader.TryRead(out var line))
            {
                batch.Add(line);
            }
            try
            {
                var (file, ids) = await IndexAsync();
                for (var i = 0; i < batch.Count; i++)
                {
                    var line = batch[i];
                    results[i] = line.Json is null ? ids.Contains(line.NotificationId) : ids.Add(line.NotificationId);
                    if (line.Json is not null && results[i])
                    {
                        file.Write(line.Json);
                        file.WriteByte(NewLine);
                    }
                }
                await file.FlushAsync();
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Done.TrySetResult(results[i]);
                }
            }
            catch (IOException e)
            {
                _logger.OutboxWriteFailed(Path, e.Message);
                batch.ForEach(line => line.Done.TrySetException(e));
                Close();
            }
            batch.Clear();
        }
    }

    private async Task TryIndexAsync()
    {
        try
        {
            await IndexAsync();
        }
        catch (IOException e)
        {
            // Not fatal here: the first batch opens and reads the file again, and fails its sends if it still cannot.
            _logger.OutboxWriteFailed(Path, e.Message);
            Close();
        }
    }

    private async Task<(FileStream File, HashSet<string> Ids)> IndexAsync()
    {
        _file ??= Open(Path);
        if (_ids is null)
        {
            // The writer has no token of its own: it stops when the queue is completed, after the last line.
            var (ids, torn) = await OutboxLineIndex.ReadAsync(_file, CancellationToken.None);
            if (torn > 0)
            {
                _logger.TornLineCut(Path, torn, ids.Count);
            }
            _ids = ids;
        }
        return (_file, _ids);
    }

    private void Close()
    {
        _ids = null;
        try
        {
            _file?.Dispose();
        }
        catch (IOException)
        {
            // The buffered tail could not be flushed either; reopening reads what did reach the file.
        }
        _file = null;
    }

    // Only this outbox writes the file; anyone may read it meanwhile, as the tests and an operator's tail -f do.
    private static FileStream Open(string path) =>
        new(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, bufferSize: 1 << 16);

    /// <summary>A line to append, or with no <see cref="Json"/> a question whether the file has the id.</summary>
    private readonly record struct PendingLine(string NotificationId, byte[]? Json, TaskCompletionSource<bool> Done);
}
