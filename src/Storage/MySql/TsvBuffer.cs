using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace BillForU.Storage.MySql;

/// <summary>
/// Rows in LOAD DATA's default text format (tab-separated fields, newline-terminated rows, backslash escapes,
/// <c>\N</c> for NULL), written as UTF-8 straight into a growing byte array: the fastest way to feed
/// <c>LOAD DATA LOCAL INFILE</c> from memory, with no DataTable or per-value boxing in between.
/// </summary>
internal sealed class TsvBuffer(int capacity = 1 << 16)
{
    private byte[] _buffer = new byte[capacity];
    private int _length;

    public int Rows { get; private set; }

    public int Length => _length;

    public TsvBuffer Long(long value)
    {
        Ensure(21);
        Utf8Formatter.TryFormat(value, _buffer.AsSpan(_length), out var written);
        _length += written;
        return Tab();
    }

    public TsvBuffer Bool(bool value)
    {
        Ensure(2);
        _buffer[_length++] = value ? (byte)'1' : (byte)'0';
        return Tab();
    }

    public TsvBuffer Null()
    {
        Ensure(3);
        _buffer[_length++] = (byte)'\\';
        _buffer[_length++] = (byte)'N';
        return Tab();
    }

    public TsvBuffer Text(string value)
    {
        Ensure(value.Length * 6 + 1);
        foreach (var c in value)
        {
            if (c is '\\' or '\t' or '\n' or '\r' or '\0')
            {
                return EscapedText(value);
            }
        }
        _length += Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_length));
        return Tab();
    }

    public TsvBuffer Date(DateOnly value) => Formatted(value, "yyyy-MM-dd");

    public TsvBuffer Date(DateOnly? value) => value is { } v ? Date(v) : Null();

    /// <summary>A UTC instant (unspecified kinds are taken as UTC) for a DATETIME(6) column.</summary>
    public TsvBuffer Instant(DateTime value) =>
        Formatted(value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value, "yyyy-MM-dd HH:mm:ss.ffffff");

    public TsvBuffer Instant(DateTime? value) => value is { } v ? Instant(v) : Null();

    public TsvBuffer Time(TimeOnly value) => Formatted(value, "HH:mm:ss");

    public TsvBuffer Time(TimeOnly? value) => value is { } v ? Time(v) : Null();

    /// <summary>Bytes as hex digits, for a column loaded through <c>UNHEX(@variable)</c>.</summary>
    public TsvBuffer Hex(byte[] value)
    {
        Ensure(value.Length * 2 + 1);
        Convert.TryToHexString(value, _buffer.AsSpan(_length), out var written);
        _length += written;
        return Tab();
    }

    /// <summary>Ends the row: the trailing field separator becomes the row terminator.</summary>
    public void EndRow()
    {
        _buffer[_length - 1] = (byte)'\n';
        Rows++;
    }

    public MemoryStream ToStream() => new(_buffer, 0, _length, writable: false);

    private TsvBuffer Formatted<T>(T value, string format) where T : IUtf8SpanFormattable
    {
        Ensure(32);
        value.TryFormat(_buffer.AsSpan(_length), out var written, format, CultureInfo.InvariantCulture);
        _length += written;
        return Tab();
    }

    private TsvBuffer EscapedText(string value)
    {
        var escaped = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            escaped.Append(c switch
            {
                '\\' => "\\\\",
                '\t' => "\\t",
                '\n' => "\\n",
                '\r' => "\\r",
                '\0' => "\\0",
                _ => c.ToString(),
            });
        }
        _length += Encoding.UTF8.GetBytes(escaped.ToString(), _buffer.AsSpan(_length));
        return Tab();
    }

    private TsvBuffer Tab()
    {
        _buffer[_length++] = (byte)'\t';
        return this;
    }

    // Room for the value and its separator.
    private void Ensure(int bytes)
    {
        if (_length + bytes + 1 > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + bytes + 1));
        }
    }
}
