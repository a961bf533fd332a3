using System.Buffers;

namespace Aot.Storage.Json;

/// <summary>The characters Go's <c>encoding/json</c> escapes inside strings (HTML-safe mode) and how.</summary>
internal static class GoEscaping
{
    /// <summary>UTF-16 code units that cannot be copied as they are: controls, <c>"</c>, <c>\</c>, <c>&lt;</c>,
    /// <c>&gt;</c>, <c>&amp;</c>, U+2028 and U+2029. Surrogates are checked while transcoding.</summary>
    public static readonly SearchValues<char> SpecialChars = SearchValues.Create(
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000a\u000b\u000c\u000d\u000e\u000f" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f" +
        "\"\\<>&\u2028\u2029");

    /// <summary>UTF-8 bytes that need a look: the ASCII ones of <see cref="SpecialChars"/> and every non-ASCII
    /// byte (validated, and checked for U+2028/U+2029).</summary>
    public static readonly SearchValues<byte> SpecialBytes = SearchValues.Create(CreateSpecialBytes());

    private static ReadOnlySpan<byte> HexDigits => "0123456789abcdef"u8;

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
}
