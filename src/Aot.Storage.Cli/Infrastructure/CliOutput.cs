using System.Text;

namespace Aot.Storage.Cli.Infrastructure;

/// <summary>
/// Standard output as text (UTF-8 without a byte-order mark, <c>\n</c> line ends) and as bytes, for the
/// commands that must print a resource exactly as it is stored.
/// </summary>
internal sealed class CliOutput : IDisposable
{
    private static readonly UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly Stream? _stream;
    private readonly TextWriter _text;
    private readonly bool _ownsText;

    /// <summary>Output to a byte stream: text is encoded as UTF-8, bytes go through unchanged.</summary>
    public CliOutput(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _text = new StreamWriter(stream, s_utf8, bufferSize: 16 * 1024, leaveOpen: true) { NewLine = "\n", AutoFlush = false };
        _ownsText = true;
    }

    /// <summary>
    /// Output to a text writer. Bytes go to the underlying stream of a <see cref="StreamWriter"/>, and are
    /// decoded as UTF-8 for any other writer (the store writes valid UTF-8 only).
    /// </summary>
    public CliOutput(TextWriter text)
    {
        ArgumentNullException.ThrowIfNull(text);
        _text = text;
        _stream = text is StreamWriter writer ? writer.BaseStream : null;
        _ownsText = false;
    }

    public TextWriter Text => _text;

    public void WriteLine(string line) => _text.WriteLine(line);

    /// <summary>Writes <paramref name="bytes"/> exactly, after any text written before.</summary>
    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        if (_stream is null)
        {
            _text.Write(s_utf8.GetString(bytes));
            return;
        }

        _text.Flush();
        _stream.Write(bytes);
    }

    public void Flush()
    {
        _text.Flush();
        _stream?.Flush();
    }

    public void Dispose()
    {
        Flush();
        if (_ownsText)
        {
            _text.Dispose();
        }
    }
}
