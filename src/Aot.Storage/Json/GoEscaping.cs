using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Aot.Storage.Json;

/// <summary>The characters Go's <c>encoding/json</c> escapes inside strings (HTML-safe mode) and how.</summary>
internal static class GoEscaping
{
    /// <summary>UTF-16 code units that cannot be copied as they are: controls, <c>"</c>, <c>\</c>, <c>&lt;</c>,
    /// <c>&gt;</c>, <c>&amp;</c>, U+2028 and U+2029. Surrogates are checked while transcoding.</summary>
    /// <remarks>Built at first use, apart from the ASCII table: a process whose strings are all ASCII never needs
    /// it, and building a search set costs each process several microseconds.</remarks>
    public static SearchValues<char> SpecialChars => SpecialCharSet.Value;

    /// <summary>UTF-8 bytes that need a look: the ASCII ones of <see cref="SpecialChars"/> and every non-ASCII
    /// byte (validated, and checked for U+2028/U+2029). Built at first use, as <see cref="SpecialChars"/>.</summary>
    public static SearchValues<byte> SpecialBytes => SpecialByteSet.Value;

    /// <summary>For each ASCII character, what Go writes for it: the character itself or its escape, little-endian
    /// in the low bytes, and the length in the top byte.</summary>
    public static readonly ulong[] AsciiEscapes = CreateAsciiEscapes();

    private static ReadOnlySpan<byte> HexDigits => "0123456789abcdef"u8;

    /// <summary>Copies the leading characters of <paramref name="source"/> that Go writes as they are (printable
    /// ASCII but <c>"</c>, <c>\</c>, <c>&lt;</c>, <c>&gt;</c>, <c>&amp;</c>) to <paramref name="destination"/>, one byte
    /// each, and returns how many. <paramref name="destination"/> is at least as long as <paramref name="source"/>;
    /// bytes of it past the returned count may have been overwritten.</summary>
    /// <remarks>One pass that narrows and tests 32 or 16 characters at a time, a short string as two overlapping
    /// halves: most strings are short ASCII, for which a search followed by a separate transcoding costs two calls
    /// and two passes, and a loop per character a branch per character.</remarks>
    public static int CopyPlain(ReadOnlySpan<char> source, Span<byte> destination)
    {
        if (destination.Length < source.Length)
        {
            throw new ArgumentException("The destination is shorter than the source.", nameof(destination));
        }

        // Unchecked loads and stores: every block below lies within source (and so within destination).
        ref ushort units = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(source));
        ref byte bytes = ref MemoryMarshal.GetReference(destination);
        int length = source.Length;
        int i = 0;
        if (Vector256.IsHardwareAccelerated && length >= Vector256<byte>.Count)
        {
            int last = length - Vector256<byte>.Count;
            while (true)
            {
                Vector256<byte> block = Vector256.NarrowWithSaturation(
                    Vector256.LoadUnsafe(ref units, (nuint)i),
                    Vector256.LoadUnsafe(ref units, (nuint)i + (nuint)Vector256<ushort>.Count));
                block.StoreUnsafe(ref bytes, (nuint)i);
                uint special = Special(block).ExtractMostSignificantBits();
                if (special != 0)
                {
                    return i + BitOperations.TrailingZeroCount(special);
                }

                if (i == last)
                {
                    return length;
                }

                i = Math.Min(i + Vector256<byte>.Count, last);
            }
        }

        if (Vector128.IsHardwareAccelerated && length >= Vector128<byte>.Count)
        {
            int last = length - Vector128<byte>.Count;
            while (true)
            {
                // Saturation maps every non-ASCII unit to 0xFF, which the test flags like any other special.
                Vector128<byte> block = Vector128.NarrowWithSaturation(
                    Vector128.LoadUnsafe(ref units, (nuint)i),
                    Vector128.LoadUnsafe(ref units, (nuint)i + (nuint)Vector128<ushort>.Count));
                block.StoreUnsafe(ref bytes, (nuint)i);
                uint special = Special(block).ExtractMostSignificantBits();
                if (special != 0)
                {
                    return i + BitOperations.TrailingZeroCount(special);
                }

                if (i == last)
                {
                    return length;
                }

                // The last block may overlap the one before; its first bytes are then copied again, unchanged.
                i = Math.Min(i + Vector128<byte>.Count, last);
            }
        }

        if (Vector128.IsHardwareAccelerated && length >= 4)
        {
            // Short strings as two overlapping halves, the first and the last 8 (or 4) characters: no loop, and
            // one test for all of them. A special in the second half only is at or after the first half's end.
            Vector128<byte> halves;
            int half;
            if (length >= 8)
            {
                half = 8;
                halves = Vector128.NarrowWithSaturation(Vector128.LoadUnsafe(ref units), Vector128.LoadUnsafe(ref units, (nuint)(length - 8)));
                Unsafe.WriteUnaligned(ref bytes, halves.AsUInt64().ToScalar());
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref bytes, length - 8), halves.AsUInt64().GetElement(1));
            }
            else
            {
                half = 4;
                Vector128<ushort> quarters = Vector128.Create(
                    Unsafe.ReadUnaligned<ulong>(ref Unsafe.As<ushort, byte>(ref units)),
                    Unsafe.ReadUnaligned<ulong>(ref Unsafe.As<ushort, byte>(ref Unsafe.Add(ref units, length - 4)))).AsUInt16();
                halves = Vector128.NarrowWithSaturation(quarters, quarters);
                Unsafe.WriteUnaligned(ref bytes, halves.AsUInt32().ToScalar());
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref bytes, length - 4), halves.AsUInt32().GetElement(1));
            }

            uint special = Special(halves).ExtractMostSignificantBits() & ((1u << (2 * half)) - 1);
            return special == 0 ? length
                : (special & ((1u << half) - 1)) != 0 ? BitOperations.TrailingZeroCount(special)
                : length - half + BitOperations.TrailingZeroCount(special >> half);
        }

        for (; i < length; i++)
        {
            ushort c = Unsafe.Add(ref units, i);
            if (!IsPlain(c))
            {
                break;
            }

            Unsafe.Add(ref bytes, i) = (byte)c;
        }

        return i;
    }

    /// <summary>
    /// Writes the leading ASCII characters of <paramref name="source"/> as Go does, escaping the special ones, and returns
    /// how many it read; it stops at the first non-ASCII character. <paramref name="written"/> bytes went to
    /// <paramref name="destination"/>, which must have room for 6 bytes per character of <paramref name="source"/> plus 2.
    /// </summary>
    /// <remarks>Text goes in blocks of 16 characters, narrowed and tested at once. A plain block is stored as it is; a
    /// block with one special keeps the plain run before it, writes the special from <see cref="AsciiEscapes"/> and
    /// loads the next block right after it; a block of ASCII with several (JSON inside an annotation: a quote every
    /// few characters) goes through the table four characters per step. A character-by-character loop makes each
    /// position wait for the previous escape's length.</remarks>
    public static int EscapeAscii(ReadOnlySpan<char> source, Span<byte> destination, out int written)
    {
        if (destination.Length < (source.Length * 6) + 2)
        {
            throw new ArgumentException("The destination is shorter than the worst case.", nameof(destination));
        }

        // Unchecked: a block is loaded only while 16 characters remain; each store starts at the bytes written so
        // far, at most 6 per character read, and a 16-byte block store happens only with 16 characters left (96
        // bytes of room), an 8-byte escape store with one left (8 bytes of room).
        ref ushort units = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(source));
        ref byte bytes = ref MemoryMarshal.GetReference(destination);
        ref ulong escapes = ref MemoryMarshal.GetArrayDataReference(AsciiEscapes);
        int length = source.Length;
        int read = 0;
        int output = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            while (length - read >= Vector128<byte>.Count)
            {
                Vector128<byte> block = Vector128.NarrowWithSaturation(
                    Vector128.LoadUnsafe(ref units, (nuint)read),
                    Vector128.LoadUnsafe(ref units, (nuint)read + (nuint)Vector128<ushort>.Count));
                block.StoreUnsafe(ref bytes, (nuint)output);
                uint special = Special(block).ExtractMostSignificantBits();
                if (special == 0)
                {
                    read += Vector128<byte>.Count;
                    output += Vector128<byte>.Count;
                    continue;
                }

                if ((special & (special - 1)) != 0 && block.ExtractMostSignificantBits() == 0)
                {
                    // Two or more escapes among 16 ASCII characters: the whole block through the table, four characters
                    // per step, each step's four lengths added up at once.
                    for (int end = read + Vector128<byte>.Count; read < end; read += 4)
                    {
                        ulong e0 = Unsafe.Add(ref escapes, Unsafe.Add(ref units, read));
                        ulong e1 = Unsafe.Add(ref escapes, Unsafe.Add(ref units, read + 1));
                        ulong e2 = Unsafe.Add(ref escapes, Unsafe.Add(ref units, read + 2));
                        ulong e3 = Unsafe.Add(ref escapes, Unsafe.Add(ref units, read + 3));
                        int at1 = output + (int)(e0 >> 56);
                        int at2 = at1 + (int)(e1 >> 56);
                        int at3 = at2 + (int)(e2 >> 56);
                        Unsafe.WriteUnaligned(ref Unsafe.Add(ref bytes, output), e0);
                        Unsafe.WriteUnaligned(ref Unsafe.Add(ref bytes, at1), e1);
                        Unsafe.WriteUnaligned(ref Unsafe.Add(ref bytes, at2), e2);
                        Unsafe.WriteUnaligned(ref Unsafe.Add(ref bytes, at3), e3);
                        output = at3 + (int)(e3 >> 56);
                    }

                    continue;
                }

                int run = BitOperations.TrailingZeroCount(special);
                read += run;
                output += run;
                ushort c = Unsafe.Add(ref units, read);
                if (c >= 0x80)
                {
                    written = output;
                    return read;
                }

                ulong escape = Unsafe.Add(ref escapes, c);
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref bytes, output), escape);
                output += (int)(escape >> 56);
                read++;
            }
        }

        for (; read < length; read++)
        {
            ushort c = Unsafe.Add(ref units, read);
            if (c >= 0x80)
            {
                break;
            }

            ulong escape = Unsafe.Add(ref escapes, c);
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref bytes, output), escape);
            output += (int)(escape >> 56);
        }

        written = output;
        return read;
    }

    /// <summary>Whether Go writes <paramref name="c"/> as it is: in 0x20-0x7F (one unsigned comparison) and none of
    /// <c>"</c> <c>&amp;</c> (which differ in bit 2 only), <c>&lt;</c> <c>&gt;</c> (bit 1 only) and <c>\</c>.</summary>
    public static bool IsPlain(uint c) => c - 0x20 < 0x60 && (c | 4) != '&' && (c | 2) != '>' && c != '\\';

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<byte> Special(Vector256<byte> c) =>
        Vector256.GreaterThan(c - Vector256.Create((byte)0x20), Vector256.Create((byte)0x5F))
        | Vector256.Equals(c | Vector256.Create((byte)4), Vector256.Create((byte)'&'))
        | Vector256.Equals(c | Vector256.Create((byte)2), Vector256.Create((byte)'>'))
        | Vector256.Equals(c, Vector256.Create((byte)'\\'));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> Special(Vector128<byte> c) =>
        Vector128.GreaterThan(c - Vector128.Create((byte)0x20), Vector128.Create((byte)0x5F))
        | Vector128.Equals(c | Vector128.Create((byte)4), Vector128.Create((byte)'&'))
        | Vector128.Equals(c | Vector128.Create((byte)2), Vector128.Create((byte)'>'))
        | Vector128.Equals(c, Vector128.Create((byte)'\\'));

    /// <summary>Writes the escape of <paramref name="c"/>, one of <see cref="SpecialChars"/>; returns its length.
    /// <paramref name="destination"/> has room for 6 bytes.</summary>
    public static int WriteEscape(char c, Span<byte> destination)
    {
        byte shortEscape = c switch
        {
            '"' => (byte)'"',
            '\\' => (byte)'\\',
            '\n' => (byte)'n',
            '\r' => (byte)'r',
            '\t' => (byte)'t',
            _ => 0,
        };
        if (shortEscape != 0)
        {
            destination[0] = (byte)'\\';
            destination[1] = shortEscape;
            return 2;
        }

        destination[0] = (byte)'\\';
        destination[1] = (byte)'u';
        destination[2] = HexDigits[(c >> 12) & 0xF];
        destination[3] = HexDigits[(c >> 8) & 0xF];
        destination[4] = HexDigits[(c >> 4) & 0xF];
        destination[5] = HexDigits[c & 0xF];
        return 6;
    }

    private static ulong[] CreateAsciiEscapes()
    {
        var table = new ulong[0x80];
        Span<byte> entry = stackalloc byte[sizeof(ulong)];
        for (int c = 0; c < table.Length; c++)
        {
            entry.Clear();
            if (!IsPlain((uint)c))
            {
                entry[^1] = (byte)WriteEscape((char)c, entry);
            }
            else
            {
                entry[0] = (byte)c;
                entry[^1] = 1;
            }

            table[c] = BinaryPrimitives.ReadUInt64LittleEndian(entry);
        }

        return table;
    }

    private static byte[] CreateSpecialBytes()
    {
        var bytes = new List<byte>();
        for (int b = 0; b < 0x20; b++)
        {
            bytes.Add((byte)b);
        }

        bytes.AddRange("\"\\<>&"u8.ToArray());
        for (int b = 0x80; b <= 0xFF; b++)
        {
            bytes.Add((byte)b);
        }

        return bytes.ToArray();
    }

    private static class SpecialCharSet
    {
        public static readonly SearchValues<char> Value = SearchValues.Create(
            "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000a\u000b\u000c\u000d\u000e\u000f" +
            "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f" +
            "\"\\<>&\u2028\u2029");
    }

    private static class SpecialByteSet
    {
        public static readonly SearchValues<byte> Value = SearchValues.Create(CreateSpecialBytes());
    }
}
