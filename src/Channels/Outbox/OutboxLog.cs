using Microsoft.Extensions.Logging;

namespace BillForU.Channels.Outbox;

/// <summary>What an outbox repairs when it opens after a crash: rare, so Information, once per file or folder.</summary>
internal static partial class OutboxLog
{
    [LoggerMessage(3101, LogLevel.Information, "Outbox file {Path}: cut a torn last line of {Bytes} bytes left by an interrupted write; {Lines} notices already in the file")]
    public static partial void TornLineCut(this ILogger logger, string path, long bytes, int lines);

    [LoggerMessage(3102, LogLevel.Information, "Outbox folder {Path}: removed {Count} temporary files left by an interrupted write")]
    public static partial void TemporariesRemoved(this ILogger logger, string path, int count);
}
