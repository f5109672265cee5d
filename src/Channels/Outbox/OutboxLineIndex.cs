using System.Buffers;
using System.Text.Json;

namespace BillForU.Channels.Outbox;

/// <summary>
/// The notification ids already in a JSON-lines outbox, read when it is opened so a notice sent again after a crash
/// is not appended twice. Only the id of each line is parsed, in 64 KB reads; a last line without its newline (the
/// process was killed mid-write) is cut off, so the next line starts on a line of its own.
/// </summary>
internal static class OutboxLineIndex
{
    private const int ReadSize = 1 << 16;

    private const byte NewLine = (byte)'\n';

    /// <summary>Indexes <paramref name="file"/> from its start and leaves it positioned at its (repaired) end.</summary>
    /// <returns>The ids, and how many bytes of a torn last line were cut (0 when the file ended on a newline).</returns>
    public static async Task<(HashSet<string> Ids, long TornBytes)> ReadAsync(FileStream file, CancellationToken cancellationToken)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var buffer = ArrayPool<byte>.Shared.Rent(ReadSize);
        try
        {
            file.Position = 0;
            long wholeLines = 0;
            var pending = 0;
            while (true)
            {
                if (pending == buffer.Length)
                {
                    // One line longer than the buffer: keep it whole rather than index half of it.
                    buffer = Grow(buffer, pending);
                }
                var read = await file.ReadAsync(buffer.AsMemory(pending), cancellationToken);
                if (read == 0)
                {
                    break;
                }
                var consumed = IndexLines(buffer.AsSpan(0, pending + read), ids);
                wholeLines += consumed;
                pending = pending + read - consumed;
                buffer.AsSpan(consumed, pending).CopyTo(buffer);
            }
            if (pending > 0)
            {
                file.SetLength(wholeLines);
            }
            file.Seek(0, SeekOrigin.End);
            return (ids, pending);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The notification id of one line, or null for a line this outbox did not write (kept, not indexed).</summary>
    public static string? IdOf(ReadOnlySpan<byte> line)
    {
        if (line.IsEmpty)
        {
            return null;
        }
        try
        {
            var reader = new Utf8JsonReader(line);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }
            // The id is the first property as OutboxLine is written; the loop only matters for a line edited by hand.
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isId = reader.ValueTextEquals("notificationId"u8);
                if (!reader.Read())
                {
                    return null;
                }
                if (isId)
                {
                    return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }
                reader.Skip();
            }
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Indexes every whole line of <paramref name="data"/>; returns the bytes up to and including the last newline.</summary>
    private static int IndexLines(ReadOnlySpan<byte> data, HashSet<string> ids)
    {
        var consumed = 0;
        int end;
        while ((end = data[consumed..].IndexOf(NewLine)) >= 0)
        {
            if (IdOf(data.Slice(consumed, end)) is { } id)
            {
                ids.Add(id);
            }
            consumed += end + 1;
        }
        return consumed;
    }

    private static byte[] Grow(byte[] buffer, int used)
    {
        var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
        buffer.AsSpan(0, used).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(buffer);
        return larger;
    }
}
