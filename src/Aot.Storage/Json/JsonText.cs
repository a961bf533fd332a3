using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace Aot.Storage.Json;

/// <summary>
/// Unescaping of JSON string tokens the way Go's decoder does it: a lone or mismatched surrogate escape
/// becomes U+FFFD (where <see cref="Utf8JsonReader.CopyString(Span{byte})"/> would throw), and invalid UTF-8
/// becomes one U+FFFD per byte when turned into a <see cref="string"/>.
/// </summary>
internal static class JsonText
{
    /// <summary>Stack scratch size used by readers for short values.</summary>
    public const int StackScratchSize = 256;

    /// <summary>
    /// The unescaped UTF-8 of the current string or property-name token: the reader's own span when it is
    /// contiguous and unescaped, otherwise written into <paramref name="scratch"/> or, when that is too small,
    /// into an array rented from the pool (returned through <paramref name="rented"/>; the caller gives it back).
    /// </summary>
    public static ReadOnlySpan<byte> GetUnescaped(ref readonly Utf8JsonReader reader, Span<byte> scratch, out byte[]? rented)
    {
        rented = null;
        if (!reader.HasValueSequence && !reader.ValueIsEscaped)
        {
            return reader.ValueSpan;
        }

        int length = reader.HasValueSequence ? checked((int)reader.ValueSequence.Length) : reader.ValueSpan.Length;
        Span<byte> buffer = scratch;
        if (length > scratch.Length)
        {
            rented = ArrayPool<byte>.Shared.Rent(length);
            buffer = rented;
        }

        return buffer.Slice(0, CopyUnescaped(in reader, buffer));
    }

    /// <summary>Like <see cref="GetUnescaped"/> but allocates an exact array when the scratch is too small.</summary>
    public static ReadOnlySpan<byte> GetUnescapedOrAllocate(ref readonly Utf8JsonReader reader, Span<byte> scratch)
    {
        if (!reader.HasValueSequence && !reader.ValueIsEscaped)
        {
            return reader.ValueSpan;
        }

        int length = reader.HasValueSequence ? checked((int)reader.ValueSequence.Length) : reader.ValueSpan.Length;
        Span<byte> buffer = length <= scratch.Length ? scratch : new byte[length];
        return buffer.Slice(0, CopyUnescaped(in reader, buffer));
    }

    /// <summary>Returns an array from <see cref="GetUnescaped"/>.</summary>
    public static void Return(byte[]? rented)
    {
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>The current string token as a <see cref="string"/>, decoded as Go does.</summary>
    // Inlined into the readers: most string tokens are contiguous and unescaped.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static string GetString(ref readonly Utf8JsonReader reader) =>
        !reader.HasValueSequence && !reader.ValueIsEscaped ? ToString(reader.ValueSpan) : GetUnescapedString(in reader);

    /// <summary>UTF-8 to <see cref="string"/> with Go's replacement: one U+FFFD per invalid byte.</summary>
    public static string ToString(ReadOnlySpan<byte> utf8)
    {
        // Nearly every string of a pod's state is ASCII: one vectorized check, then Latin-1 (whose decoder
        // only widens bytes) makes the string in one pass. The UTF-8 decoder would count the characters in
        // one pass (validating) and transcode in a second.
        return Ascii.IsValid(utf8) ? Encoding.Latin1.GetString(utf8) : NonAsciiToString(utf8);
    }

    private static string GetUnescapedString(ref readonly Utf8JsonReader reader)
    {
        // Escaped strings are typically JSON quoted inside an annotation, often longer than the usual
        // scratch; the stack is not zeroed (SkipLocalsInit), so a larger one costs nothing, unlike a rental.
        Span<byte> scratch = stackalloc byte[4 * StackScratchSize];
        ReadOnlySpan<byte> utf8 = GetUnescaped(in reader, scratch, out byte[]? rented);
        try
        {
            return ToString(utf8);
        }
        finally
        {
            Return(rented);
        }
    }

    private static string NonAsciiToString(ReadOnlySpan<byte> utf8)
    {
        if (Utf8.IsValid(utf8))
        {
            return Encoding.UTF8.GetString(utf8);
        }

        // Never more UTF-16 code units than UTF-8 bytes.
        char[] chars = ArrayPool<char>.Shared.Rent(utf8.Length);
        try
        {
            int count = 0;
            while (!utf8.IsEmpty)
            {
                if (Rune.DecodeFromUtf8(utf8, out Rune rune, out int consumed) != OperationStatus.Done)
                {
                    rune = Rune.ReplacementChar;
                    consumed = 1;
                }

                count += rune.EncodeToUtf16(chars.AsSpan(count));
                utf8 = utf8.Slice(consumed);
            }

            return new string(chars, 0, count);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    /// <summary>
    /// Unescapes JSON string content (already validated by the reader) into <paramref name="destination"/>,
    /// which may be the same memory as <paramref name="source"/>. Returns the length written.
    /// </summary>
    public static int Unescape(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        // One vectorized search for the first run, which is often all there is before a lone escape; after
        // it escapes tend to be dense (JSON quoted inside a string), and a search per run would cost more
        // than the bytes it skips.
        int read = source.IndexOf((byte)'\\');
        if (read < 0)
        {
            read = source.Length;
        }

        source.Slice(0, read).CopyTo(destination);
        int written = read;
        while (read < source.Length)
        {
            byte b = source[read];
            if (b != (byte)'\\')
            {
                destination[written++] = b;
                read++;
                continue;
            }

            byte kind = source[read + 1];
            read += 2;
            byte simple = kind switch
            {
                (byte)'"' => (byte)'"',
                (byte)'\\' => (byte)'\\',
                (byte)'/' => (byte)'/',
                (byte)'b' => (byte)'\b',
                (byte)'f' => (byte)'\f',
                (byte)'n' => (byte)'\n',
                (byte)'r' => (byte)'\r',
                (byte)'t' => (byte)'\t',
                _ => 0,
            };
            if (simple != 0)
            {
                destination[written++] = simple;
                continue;
            }

            if (kind != (byte)'u' || !TryHex4(source, read, out int unit))
            {
                throw new JsonException("invalid escape in string");
            }

            read += 4;
            int scalar = unit;
            if (char.IsHighSurrogate((char)unit))
            {
                // A pair only when the next escape is a low surrogate; otherwise U+FFFD and the next
                // escape is read on its own (Go's unquote).
                if (read + 6 <= source.Length && source[read] == (byte)'\\' && source[read + 1] == (byte)'u'
                    && TryHex4(source, read + 2, out int low) && char.IsLowSurrogate((char)low))
                {
                    scalar = char.ConvertToUtf32((char)unit, (char)low);
                    read += 6;
                }
                else
                {
                    scalar = Rune.ReplacementChar.Value;
                }
            }
            else if (char.IsLowSurrogate((char)unit))
            {
                scalar = Rune.ReplacementChar.Value;
            }

            written += new Rune(scalar).EncodeToUtf8(destination.Slice(written));
        }

        return written;
    }

    private static int CopyUnescaped(ref readonly Utf8JsonReader reader, Span<byte> buffer)
    {
        ReadOnlySpan<byte> raw;
        if (reader.HasValueSequence)
        {
            ReadOnlySequence<byte> sequence = reader.ValueSequence;
            sequence.CopyTo(buffer);
            raw = buffer.Slice(0, (int)sequence.Length);
        }
        else
        {
            raw = reader.ValueSpan;
        }

        return reader.ValueIsEscaped ? Unescape(raw, buffer) : raw.Length;
    }

    private static bool TryHex4(ReadOnlySpan<byte> source, int start, out int value)
    {
        value = 0;
        if (start + 4 > source.Length)
        {
            return false;
        }

        for (int i = start; i < start + 4; i++)
        {
            int digit = source[i] switch
            {
                >= (byte)'0' and <= (byte)'9' => source[i] - '0',
                >= (byte)'a' and <= (byte)'f' => source[i] - 'a' + 10,
                >= (byte)'A' and <= (byte)'F' => source[i] - 'A' + 10,
                _ => -1,
            };
            if (digit < 0)
            {
                return false;
            }

            value = (value << 4) | digit;
        }

        return true;
    }
}
