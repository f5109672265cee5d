namespace BillForU.TestSupport;

/// <summary>
/// Reads CRLF lines and counted byte runs from a connection through one buffer, for the line protocols of the
/// loopback provider stand-ins (SMTP, HTTP/1.1).
/// </summary>
/// <param name="beforeRead">Called before each read from the socket, once everything buffered is consumed: a server that
/// answers a pipelined batch with one write sends its replies there.</param>
internal sealed class LineBufferedReader(Stream stream, Func<CancellationToken, Task>? beforeRead = null)
{
    private const int BufferSize = 64 * 1024;

    private readonly byte[] _input = new byte[BufferSize];
    private byte[] _run = new byte[BufferSize];
    private int _start;
    private int _end;

    /// <summary>The next line without its CRLF (valid until the next call), or null at end of stream.</summary>
    public async Task<ReadOnlyMemory<byte>?> ReadLineAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var newline = Array.IndexOf(_input, (byte)'\n', _start, _end - _start);
            if (newline >= 0)
            {
                var length = newline - _start;
                if (length > 0 && _input[newline - 1] == (byte)'\r')
                {
                    length--;
                }
                var line = _input.AsMemory(_start, length);
                _start = newline + 1;
                return line;
            }
            if (_end - _start == _input.Length)
            {
                throw new IOException("A line longer than the reader's buffer.");
            }
            if (!await FillAsync(cancellationToken))
            {
                return null;
            }
        }
    }

    /// <summary>The next <paramref name="size"/> bytes (valid until the next call); the stream ending first is an error.</summary>
    public async Task<ReadOnlyMemory<byte>> ReadBytesAsync(int size, CancellationToken cancellationToken)
    {
        var run = size <= _run.Length ? _run : _run = new byte[size];
        var copied = Math.Min(size, _end - _start);
        Buffer.BlockCopy(_input, _start, run, 0, copied);
        _start += copied;
        if (copied < size)
        {
            await stream.ReadExactlyAsync(run.AsMemory(copied, size - copied), cancellationToken);
        }
        return run.AsMemory(0, size);
    }

    private async Task<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_input, _start, _input, 0, _end - _start);
            (_end, _start) = (_end - _start, 0);
        }
        if (beforeRead is not null)
        {
            await beforeRead(cancellationToken);
        }
        var read = await stream.ReadAsync(_input.AsMemory(_end), cancellationToken);
        _end += read;
        return read > 0;
    }
}
