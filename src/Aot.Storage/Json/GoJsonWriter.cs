using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Unicode;

namespace Aot.Storage.Json;

/// <summary>
/// Writes compact JSON byte-for-byte as Go's <c>encoding/json</c> (Go ≤ 1.21) does: HTML-safe string
/// escaping with lowercase hex, <c>\u0008</c>/<c>\u000c</c>, U+2028/U+2029 escaped, base64 with padding,
/// <c>net.IP</c> as text, <c>time.Time</c> as RFC 3339 with trimmed nanoseconds. Generated codecs call it;
/// it never allocates beyond what the output buffer asks for.
/// </summary>
/// <remarks>
/// The writer buffers into spans taken from <see cref="IBufferWriter{T}"/>; call <see cref="Flush"/> once at
/// the end (the <see cref="JsonCodec{T}"/> helpers do).
/// </remarks>
public ref struct GoJsonWriter
{
    /// <summary>Smallest span asked from the output, so small writes do not call it every time.</summary>
    private const int MinimumBufferSize = 256;

    /// <summary>Longest string that <see cref="WriteString(string?)"/> asks room for at once.</summary>
    private const int DirectStringLength = 4096;

    /// <summary>Characters that <see cref="WriteEscaped(ReadOnlySpan{char})"/> takes at a time, with room for each
    /// to become a 6-byte escape.</summary>
    private const int EscapeChunkLength = 512;

    /// <summary>Longest escape of one UTF-16 code unit or UTF-8 sequence: <c>\u00XX</c> / <c>\ufffd</c>.</summary>
    private const int MaxEscapeLength = 6;

    private const byte Quote = (byte)'"';

    private readonly IBufferWriter<byte> _output;
    private Span<byte> _buffer;
    private int _buffered;
    private long _flushed;

    public GoJsonWriter(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
        _buffer = default;
        _buffered = 0;
        _flushed = 0;
    }

    /// <summary>Bytes written so far, flushed or not.</summary>
    public readonly long BytesWritten => _flushed + _buffered;

    /// <summary>Copies bytes that are already valid JSON text (structural characters, pre-escaped property names).</summary>
    /// <remarks>Inlined so that a literal's copy has a constant length, which the compiler turns into a few moves.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteRaw(scoped ReadOnlySpan<byte> utf8)
    {
        // Unchecked copy (no throw path at each call site): 0 <= _buffered <= _buffer.Length always holds.
        int buffered = _buffered;
        if ((uint)utf8.Length <= (uint)(_buffer.Length - buffered))
        {
            Unsafe.CopyBlockUnaligned(ref Unsafe.Add(ref MemoryMarshal.GetReference(_buffer), buffered), ref MemoryMarshal.GetReference(utf8), (uint)utf8.Length);
            _buffered = buffered + utf8.Length;
            return;
        }

        WriteRawSlow(utf8);
    }

    public void WriteByte(byte value)
    {
        if (_buffered == _buffer.Length)
        {
            Grow(1);
        }

        _buffer[_buffered++] = value;
    }

    public void WriteNull() => WriteRaw("null"u8);

    public void WriteBoolean(bool value) => WriteRaw(value ? "true"u8 : "false"u8);

    public void WriteNumber(long value) => WriteNumber(default, value);

    public void WriteNumber(ulong value) => WriteNumber(default, value);

    /// <summary>Writes a quoted, Go-escaped string; <see langword="null"/> is written as <c>""</c>
    /// (Go strings have no null).</summary>
    public void WriteString(string? value) => WriteString(default, value);

    /// <summary>Writes <paramref name="prefix"/>, JSON text such as a property's <c>,"Name":</c>, then
    /// <paramref name="value"/> as <see cref="WriteNumber(long)"/> does.</summary>
    /// <remarks>For generated codecs, as the other overloads with a prefix: a property in one call, with one check
    /// for room and one update of the position instead of two of each.</remarks>
    public void WriteNumber(scoped ReadOnlySpan<byte> prefix, long value) =>
        WriteNumber(prefix, value < 0 ? 0 - (ulong)value : (ulong)value, value < 0);

    /// <summary>Writes <paramref name="prefix"/>, then <paramref name="value"/> as <see cref="WriteNumber(ulong)"/>
    /// does.</summary>
    public void WriteNumber(scoped ReadOnlySpan<byte> prefix, ulong value) => WriteNumber(prefix, value, negative: false);

    /// <summary>Writes <paramref name="prefix"/>, then <paramref name="value"/> as <see cref="WriteString(string?)"/>
    /// does.</summary>
    public void WriteString(scoped ReadOnlySpan<byte> prefix, string? value)
    {
        ReadOnlySpan<char> text = value;

        // Room for all of a plain ASCII string (the usual kind: paths, IDs, names), so that it takes one copy.
        int direct = Math.Min(text.Length, DirectStringLength);
        Ensure(prefix.Length + direct + 2);
        Span<byte> free = _buffer.Slice(_buffered);
        prefix.CopyTo(free);
        free = free.Slice(prefix.Length);
        free[0] = Quote;
        int plain = GoEscaping.CopyPlain(text.Slice(0, direct), free.Slice(1));
        if (plain == text.Length)
        {
            free[plain + 1] = Quote;
            _buffered += prefix.Length + plain + 2;
            return;
        }

        _buffered += prefix.Length + plain + 1;
        WriteEscaped(text.Slice(plain));
        WriteByte(Quote);
    }

    /// <summary>Writes a quoted, Go-escaped string from UTF-8; invalid sequences become <c>\ufffd</c>.</summary>
    public void WriteStringUtf8(scoped ReadOnlySpan<byte> utf8)
    {
        WriteByte(Quote);
        WriteEscaped(utf8);
        WriteByte(Quote);
    }

    /// <summary><c>[]byte</c>: standard base64 with padding, <c>null</c> for <see langword="null"/>.</summary>
    public void WriteBase64(byte[]? value)
    {
        if (value is null)
        {
            WriteNull();
            return;
        }

        WriteByte(Quote);
        ReadOnlySpan<byte> source = value;
        while (!source.IsEmpty)
        {
            Ensure(4);
            Span<byte> free = _buffer.Slice(_buffered);
            int fitting = free.Length / 4 * 3;
            bool final = fitting >= source.Length;
            ReadOnlySpan<byte> chunk = final ? source : source.Slice(0, fitting);
            Base64.EncodeToUtf8(chunk, free, out int consumed, out int written, isFinalBlock: final);
            _buffered += written;
            source = source.Slice(consumed);
        }

        WriteByte(Quote);
    }

    /// <summary><c>net.IP</c>: <c>""</c> for <see langword="null"/>, dotted quad for IPv4 and IPv4-mapped IPv6,
    /// RFC 5952 text (as Go prints it) for IPv6.</summary>
    public void WriteIPAddress(IPAddress? value)
    {
        Ensure(GoIPText.MaxLength + 2);
        Span<byte> free = _buffer.Slice(_buffered);
        free[0] = Quote;
        int length = value is null ? 0 : GoIPText.Format(value, free.Slice(1));
        free[length + 1] = Quote;
        _buffered += length + 2;
    }

    /// <summary><c>time.Time</c>: RFC 3339 with nanoseconds, trailing zeros trimmed.</summary>
    public void WriteTimestamp(Timestamp value)
    {
        Ensure(Timestamp.MaxFormattedLength + 2);
        Span<byte> free = _buffer.Slice(_buffered);
        free[0] = Quote;
        int length = value.Format(free.Slice(1));
        free[length + 1] = Quote;
        _buffered += length + 2;
    }

    /// <summary>Writes raw JSON kept from a read (unknown union cases, <c>interface{}</c> values);
    /// <c>null</c> for <see langword="null"/>.</summary>
    public void WriteRawJson(RawJson? value)
    {
        if (value is null)
        {
            WriteNull();
            return;
        }

        WriteRaw(value.Utf8.Span);
    }

    /// <summary>Hands every buffered byte to the output.</summary>
    public void Flush()
    {
        if (_buffered > 0)
        {
            _output.Advance(_buffered);
            _flushed += _buffered;
        }

        _buffered = 0;
        _buffer = default;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Ensure(int count)
    {
        if (_buffer.Length - _buffered < count)
        {
            Grow(count);
        }
    }

    /// <summary>Hands the filled part to the output and takes a new span of at least <paramref name="count"/> bytes.</summary>
    private void Grow(int count)
    {
        if (_output is null)
        {
            throw new InvalidOperationException("The writer was not created with an output.");
        }

        if (_buffered > 0)
        {
            _output.Advance(_buffered);
            _flushed += _buffered;
            _buffered = 0;
        }

        _buffer = _output.GetSpan(Math.Max(count, MinimumBufferSize));
        if (_buffer.Length < count)
        {
            throw new InvalidOperationException("The output returned a span smaller than requested.");
        }
    }

    private void WriteNumber(scoped ReadOnlySpan<byte> prefix, ulong value, bool negative)
    {
        // At most 20 bytes: a sign and 19 digits, or the 20 digits of ulong.MaxValue.
        Ensure(prefix.Length + 20);
        Span<byte> free = _buffer.Slice(_buffered);
        prefix.CopyTo(free);
        int length = prefix.Length;
        if (negative)
        {
            free[length++] = (byte)'-';
        }

        if (value < 10)
        {
            // Most numbers in state files are small: flags, counts, zero values.
            free[length++] = (byte)('0' + value);
        }
        else
        {
            value.TryFormat(free.Slice(length), out int written, default, CultureInfo.InvariantCulture);
            length += written;
        }

        _buffered += length;
    }

    private void WriteRawSlow(scoped ReadOnlySpan<byte> utf8)
    {
        while (true)
        {
            Span<byte> free = _buffer.Slice(_buffered);
            if (utf8.Length <= free.Length)
            {
                utf8.CopyTo(free);
                _buffered += utf8.Length;
                return;
            }

            utf8.Slice(0, free.Length).CopyTo(free);
            _buffered += free.Length;
            utf8 = utf8.Slice(free.Length);
            Grow(Math.Min(utf8.Length, 64 * 1024));
        }
    }

    private void WriteEscaped(scoped ReadOnlySpan<char> text)
    {
        while (!text.IsEmpty)
        {
            // Room for the worst case, every character a \u00XX (stored as 8 bytes), so that the loop over the
            // chunk needs no checks.
            ReadOnlySpan<char> chunk = text.Slice(0, Math.Min(text.Length, EscapeChunkLength));
            Ensure((chunk.Length * MaxEscapeLength) + 2);
            Span<byte> free = _buffer.Slice(_buffered);

            int read = GoEscaping.EscapeAscii(chunk, free, out int written);
            _buffered += written;
            text = text.Slice(read);
            if (!text.IsEmpty && text[0] >= 0x80)
            {
                // Non-ASCII: transcode up to the next character to escape, and escape it if it is U+2028/U+2029.
                int special = text.IndexOfAny(GoEscaping.SpecialChars);
                if (special != 0)
                {
                    WriteTranscoded(special < 0 ? text : text.Slice(0, special));
                    if (special < 0)
                    {
                        return;
                    }

                    text = text.Slice(special);
                }

                if (text[0] >= 0x80)
                {
                    Ensure(MaxEscapeLength);
                    _buffered += GoEscaping.WriteEscape(text[0], _buffer.Slice(_buffered));
                    text = text.Slice(1);
                }
            }
        }
    }

    /// <summary>UTF-16 without characters to escape → UTF-8; lone surrogates become <c>\ufffd</c>.</summary>
    private void WriteTranscoded(scoped ReadOnlySpan<char> text)
    {
        while (!text.IsEmpty)
        {
            Ensure(Math.Min(text.Length * 3, 4096));
            OperationStatus status = Utf8.FromUtf16(text, _buffer.Slice(_buffered), out int read, out int written, replaceInvalidSequences: false, isFinalBlock: true);
            _buffered += written;
            text = text.Slice(read);
            if (status == OperationStatus.InvalidData)
            {
                Ensure(MaxEscapeLength);
                "\\ufffd"u8.CopyTo(_buffer.Slice(_buffered));
                _buffered += MaxEscapeLength;
                text = text.Slice(1);
            }
            else if (status == OperationStatus.DestinationTooSmall && read == 0)
            {
                // A surrogate pair needs 4 bytes; make sure the next round has them.
                Grow(4);
            }
        }
    }

    private void WriteEscaped(scoped ReadOnlySpan<byte> utf8)
    {
        while (!utf8.IsEmpty)
        {
            int special = utf8.IndexOfAny(GoEscaping.SpecialBytes);
            if (special != 0)
            {
                ReadOnlySpan<byte> clean = special < 0 ? utf8 : utf8.Slice(0, special);
                WriteRaw(clean);
                if (special < 0)
                {
                    return;
                }

                utf8 = utf8.Slice(special);
            }

            byte first = utf8[0];
            if (first < 0x80)
            {
                Ensure(MaxEscapeLength);
                _buffered += GoEscaping.WriteEscape((char)first, _buffer.Slice(_buffered));
                utf8 = utf8.Slice(1);
                continue;
            }

            // Non-ASCII: copy valid sequences raw, escape U+2028/U+2029, and give each byte of an invalid
            // sequence its own \ufffd (Go decodes invalid UTF-8 one byte at a time).
            Ensure(MaxEscapeLength);
            if (Rune.DecodeFromUtf8(utf8, out Rune rune, out int consumed) != OperationStatus.Done)
            {
                "\\ufffd"u8.CopyTo(_buffer.Slice(_buffered));
                _buffered += MaxEscapeLength;
                utf8 = utf8.Slice(1);
            }
            else if (rune.Value is 0x2028 or 0x2029)
            {
                _buffered += GoEscaping.WriteEscape((char)rune.Value, _buffer.Slice(_buffered));
                utf8 = utf8.Slice(consumed);
            }
            else
            {
                utf8.Slice(0, consumed).CopyTo(_buffer.Slice(_buffered));
                _buffered += consumed;
                utf8 = utf8.Slice(consumed);
            }
        }
    }
}
