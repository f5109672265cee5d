using Microsoft.Extensions.Logging;

namespace BillForU.Channels.Outbox;

/// <summary>
/// The <c>email</c> folder of the outbox: whole <c>.eml</c> files only. A message is written to <c>email/.tmp/</c> and
/// moved in under its final name without replacing one already there, so a reader listing <c>*.eml</c> never meets a
/// half-written or temporary file and a notice written twice keeps its first file. Temporaries a killed process left
/// behind are removed by <see cref="Start"/>.
/// </summary>
internal sealed class EmlOutboxFolder
{
    public const string TemporaryFolder = ".tmp";

    private readonly string _temporaryDirectory;
    private readonly ILogger _logger;
    private long _temporaries;

    public EmlOutboxFolder(string directory, ILogger logger)
    {
        FolderPath = directory;
        _temporaryDirectory = Path.Combine(directory, TemporaryFolder);
        Directory.CreateDirectory(_temporaryDirectory);
        _logger = logger;
    }

    public string FolderPath { get; }

    /// <summary>
    /// Removes leftover temporaries (in <c>.tmp/</c>, and <c>*.eml.N.tmp</c> beside the files from before it existed)
    /// and returns the names of the <c>.eml</c> files there, or none when <paramref name="listFiles"/> is false.
    /// </summary>
    public HashSet<string> Start(bool listFiles)
    {
        var removed = 0;
        foreach (var temporary in Directory.EnumerateFiles(_temporaryDirectory))
        {
            removed += TryDelete(temporary);
        }
        var files = new HashSet<string>(StringComparer.Ordinal);
        // One pass over the folder for both: it can hold tens of thousands of files.
        foreach (var file in Directory.EnumerateFiles(FolderPath))
        {
            if (file.EndsWith(".tmp", StringComparison.Ordinal))
            {
                removed += TryDelete(file);
            }
            else if (listFiles && file.EndsWith(".eml", StringComparison.Ordinal))
            {
                files.Add(Path.GetFileName(file));
            }
        }
        if (removed > 0)
        {
            _logger.TemporariesRemoved(FolderPath, removed);
        }
        return files;
    }

    public string PathOf(string fileName) => Path.Combine(FolderPath, fileName);

    /// <summary>Writes <paramref name="content"/> as <paramref name="fileName"/> unless that file exists already.</summary>
    /// <returns>False when the file was there (from an earlier run or a concurrent send of the same notice).</returns>
    public async Task<bool> TryWriteAsync(string fileName, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var path = PathOf(fileName);
        // The process id keeps two processes sharing a folder from writing the same temporary.
        var temporary = Path.Combine(_temporaryDirectory, $"{fileName}.{Environment.ProcessId}.{Interlocked.Increment(ref _temporaries)}");
        try
        {
            await File.WriteAllBytesAsync(temporary, content, cancellationToken);
            try
            {
                // Without overwrite the move is a hard link on Linux: it fails, atomically, when the name is taken.
                File.Move(temporary, path, overwrite: false);
                return true;
            }
            catch (IOException) when (File.Exists(path))
            {
                return false;
            }
        }
        catch (DirectoryNotFoundException)
        {
            // Someone removed the folder while the outbox was open: the grain's retry finds it again.
            Directory.CreateDirectory(_temporaryDirectory);
            throw;
        }
        finally
        {
            // Gone once moved; File.Delete ignores a missing file.
            File.Delete(temporary);
        }
    }

    private static int TryDelete(string path)
    {
        try
        {
            File.Delete(path);
            return 1;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
