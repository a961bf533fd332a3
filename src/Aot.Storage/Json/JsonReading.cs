using System.Buffers;
using System.Buffers.Text;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace Aot.Storage.Json;

/// <summary>
/// Value readers used by generated codecs. Each is tolerant the way Go's <c>encoding/json</c> is:
/// a JSON <c>null</c> leaves the current value (the <c>current</c> argument) for value types and strings,
/// numbers must be integers in range, and every mismatch is a <see cref="MalformedJsonException"/> naming
/// the member (the <c>member</c> argument, e.g. <c>"Process.Pid"u8</c>) and the byte offset.
/// Member names are UTF-8 literals rather than strings: a string literal is an object that a NativeAOT
/// process builds at start-up whether or not a message ever needs it; a UTF-8 literal is read-only data.
/// The reader is positioned on the value's token and is left there.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class JsonReading
{
    /// <summary>Longest number text kept for parsing and messages; longer numbers are never in range.</summary>
    private const int MaxNumberLength = 64;

    public static string ReadString(ref Utf8JsonReader reader, string current, ReadOnlySpan<byte> member)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return JsonText.GetString(ref reader);
        }

        return reader.TokenType == JsonTokenType.Null ? current : throw CannotRead(ref reader, "String", member);
    }

    public static bool ReadBoolean(ref Utf8JsonReader reader, bool current, ReadOnlySpan<byte> member)
    {
        return reader.TokenType switch
        {
            JsonTokenType.True => true,
            JsonTokenType.False => false,
            JsonTokenType.Null => current,
            _ => throw CannotRead(ref reader, "Boolean", member),
        };
    }

    public static long ReadInt64(ref Utf8JsonReader reader, long current, ReadOnlySpan<byte> member) =>
        ReadSigned(ref reader, current, long.MinValue, long.MaxValue, "Int64", member);

    public static int ReadInt32(ref Utf8JsonReader reader, int current, ReadOnlySpan<byte> member) =>
        (int)ReadSigned(ref reader, current, int.MinValue, int.MaxValue, "Int32", member);

    public static short ReadInt16(ref Utf8JsonReader reader, short current, ReadOnlySpan<byte> member) =>
        (short)ReadSigned(ref reader, current, short.MinValue, short.MaxValue, "Int16", member);

    public static sbyte ReadSByte(ref Utf8JsonReader reader, sbyte current, ReadOnlySpan<byte> member) =>
        (sbyte)ReadSigned(ref reader, current, sbyte.MinValue, sbyte.MaxValue, "SByte", member);

    public static ulong ReadUInt64(ref Utf8JsonReader reader, ulong current, ReadOnlySpan<byte> member) =>
        ReadUnsigned(ref reader, current, ulong.MaxValue, "UInt64", member);

    public static uint ReadUInt32(ref Utf8JsonReader reader, uint current, ReadOnlySpan<byte> member) =>
        (uint)ReadUnsigned(ref reader, current, uint.MaxValue, "UInt32", member);

    public static ushort ReadUInt16(ref Utf8JsonReader reader, ushort current, ReadOnlySpan<byte> member) =>
        (ushort)ReadUnsigned(ref reader, current, ushort.MaxValue, "UInt16", member);

    public static byte ReadByte(ref Utf8JsonReader reader, byte current, ReadOnlySpan<byte> member) =>
        (byte)ReadUnsigned(ref reader, current, byte.MaxValue, "Byte", member);

    /// <summary><c>[]byte</c>: base64 (standard alphabet, padding; CR/LF ignored) or <c>null</c>.</summary>
    public static byte[]? ReadBase64(ref Utf8JsonReader reader, ReadOnlySpan<byte> member)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            throw CannotRead(ref reader, "base64 bytes", member);
        }

        Span<byte> scratch = stackalloc byte[JsonText.StackScratchSize];
        ReadOnlySpan<byte> text = JsonText.GetUnescaped(ref reader, scratch, out byte[]? rentedText);
        byte[]? rentedClean = null;
        byte[]? rentedBytes = null;
        try
        {
            // Go's StdEncoding skips CR and LF and nothing else (.NET would also skip spaces and tabs).
            if (text.IndexOfAny(" \t"u8) >= 0)
            {
                throw InvalidBase64(ref reader, member);
            }

            if (text.IndexOfAny("\r\n"u8) >= 0)
            {
                rentedClean = ArrayPool<byte>.Shared.Rent(text.Length);
                int length = 0;
                foreach (byte b in text)
                {
                    if (b is not ((byte)'\r' or (byte)'\n'))
                    {
                        rentedClean[length++] = b;
                    }
                }

                text = rentedClean.AsSpan(0, length);
            }

            int maxLength = Base64.GetMaxDecodedFromUtf8Length(text.Length);
            Span<byte> decoded = maxLength <= JsonText.StackScratchSize
                ? stackalloc byte[JsonText.StackScratchSize]
                : (rentedBytes = ArrayPool<byte>.Shared.Rent(maxLength));
            OperationStatus status = Base64.DecodeFromUtf8(text, decoded, out int consumed, out int written, isFinalBlock: true);
            if (status != OperationStatus.Done || consumed != text.Length)
            {
                // Go (not in strict mode) ignores set bits after the last byte ("QR==" is "A"); .NET does not.
                if (rentedClean is null)
                {
                    rentedClean = ArrayPool<byte>.Shared.Rent(text.Length);
                    text.CopyTo(rentedClean);
                    text = rentedClean.AsSpan(0, text.Length);
                }

                if (!TryClearPaddingBits(rentedClean.AsSpan(0, text.Length))
                    || Base64.DecodeFromUtf8(text, decoded, out consumed, out written, isFinalBlock: true) != OperationStatus.Done
                    || consumed != text.Length)
                {
                    throw InvalidBase64(ref reader, member);
                }
            }

            return decoded.Slice(0, written).ToArray();
        }
        finally
        {
            JsonText.Return(rentedText);
            JsonText.Return(rentedClean);
            JsonText.Return(rentedBytes);
        }
    }

    /// <summary><c>net.IP</c>: <c>""</c> and <c>null</c> give <see langword="null"/>.</summary>
    public static IPAddress? ReadIPAddress(ref Utf8JsonReader reader, IPAddress? current, ReadOnlySpan<byte> member)
    {
        // Go sets a nil slice for null; the current value is not kept.
        _ = current;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            throw CannotRead(ref reader, "an IP address", member);
        }

        Span<byte> scratch = stackalloc byte[JsonText.StackScratchSize];
        ReadOnlySpan<byte> text = JsonText.GetUnescaped(ref reader, scratch, out byte[]? rented);
        try
        {
            if (text.IsEmpty)
            {
                return null;
            }

            if (!GoIPText.TryParse(text, out IPAddress? address))
            {
                throw new MalformedJsonException(
                    $"cannot parse \"{Shorten(JsonText.ToString(text))}\" as an IP address for {Name(member)}", reader.TokenStartIndex);
            }

            return address;
        }
        finally
        {
            JsonText.Return(rented);
        }
    }

    public static Timestamp ReadTimestamp(ref Utf8JsonReader reader, Timestamp current, ReadOnlySpan<byte> member)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return current;
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            throw CannotRead(ref reader, "a time", member);
        }

        Span<byte> scratch = stackalloc byte[JsonText.StackScratchSize];
        ReadOnlySpan<byte> text = JsonText.GetUnescaped(ref reader, scratch, out byte[]? rented);
        try
        {
            if (!Timestamp.TryParse(text, out Timestamp value))
            {
                throw new MalformedJsonException(
                    $"cannot parse \"{Shorten(JsonText.ToString(text))}\" as an RFC 3339 time with a zone for {Name(member)}", reader.TokenStartIndex);
            }

            return value;
        }
        finally
        {
            JsonText.Return(rented);
        }
    }

    /// <summary>Any JSON value as <see cref="RawJson"/>; <c>null</c> gives <see langword="null"/>.</summary>
    public static RawJson? ReadRawJson(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Null ? null : RawJson.ReadFrom(ref reader);

    /// <summary>Parses a map key written as a decimal string (Go integer-keyed maps).</summary>
    public static ulong ParseUInt64Key(ref Utf8JsonReader reader, ulong max, ReadOnlySpan<byte> member)
    {
        Expect(ref reader, JsonTokenType.PropertyName, member);
        Span<byte> scratch = stackalloc byte[JsonText.StackScratchSize];
        ReadOnlySpan<byte> key = JsonText.GetUnescaped(ref reader, scratch, out byte[]? rented);
        try
        {
            // strconv.ParseUint: digits only (leading zeros allowed), no sign.
            if (!TryParseDigits(key, out ulong value) || value > max)
            {
                throw BadKey(ref reader, key, $"0 to {max}", member);
            }

            return value;
        }
        finally
        {
            JsonText.Return(rented);
        }
    }

    public static long ParseInt64Key(ref Utf8JsonReader reader, long min, long max, ReadOnlySpan<byte> member)
    {
        Expect(ref reader, JsonTokenType.PropertyName, member);
        Span<byte> scratch = stackalloc byte[JsonText.StackScratchSize];
        ReadOnlySpan<byte> key = JsonText.GetUnescaped(ref reader, scratch, out byte[]? rented);
        try
        {
            // strconv.ParseInt: an optional sign, then digits.
            bool negative = false;
            ReadOnlySpan<byte> digits = key;
            if (!digits.IsEmpty && digits[0] is (byte)'+' or (byte)'-')
            {
                negative = digits[0] == (byte)'-';
                digits = digits.Slice(1);
            }

            if (!TryParseDigits(digits, out ulong magnitude) || !TryApplySign(negative, magnitude, out long value)
                || value < min || value > max)
            {
                throw BadKey(ref reader, key, $"{min} to {max}", member);
            }

            return value;
        }
        finally
        {
            JsonText.Return(rented);
        }
    }

    /// <summary>
    /// The current property name as unescaped UTF-8: the reader's own span when possible, otherwise
    /// unescaped into <paramref name="scratch"/> (or a new array when it is too small).
    /// </summary>
    public static ReadOnlySpan<byte> GetPropertyName(ref readonly Utf8JsonReader reader, Span<byte> scratch) =>
        JsonText.GetUnescapedOrAllocate(in reader, scratch);

    /// <summary>Go's second chance for keys: equal under Unicode simple case folding (<c>"netnspath"</c>,
    /// <c>"\u212A"</c> for <c>K</c>). <paramref name="expected"/> is ASCII.</summary>
    public static bool EqualsIgnoreCase(ReadOnlySpan<byte> utf8Name, ReadOnlySpan<byte> expected)
    {
        int position = 0;
        foreach (byte c in expected)
        {
            if (position >= utf8Name.Length)
            {
                return false;
            }

            byte b = utf8Name[position];
            if (b < 0x80)
            {
                if (b != c && (!char.IsAsciiLetter((char)c) || (b | 0x20) != (c | 0x20)))
                {
                    return false;
                }

                position++;
                continue;
            }

            // The only non-ASCII runes whose simple case folding reaches an ASCII letter:
            // U+212A KELVIN SIGN (k, K) and U+017F LATIN SMALL LETTER LONG S (s, S).
            if (Rune.DecodeFromUtf8(utf8Name.Slice(position), out Rune rune, out int consumed) != OperationStatus.Done)
            {
                return false;
            }

            int lower = c | 0x20;
            bool folds = (rune.Value == 0x212A && lower == 'k') || (rune.Value == 0x017F && lower == 's');
            if (!folds || !char.IsAsciiLetter((char)c))
            {
                return false;
            }

            position += consumed;
        }

        return position == utf8Name.Length;
    }

    /// <summary>Moves the reader to the start token of the next value, failing clearly at end of input.</summary>
    // Called once or twice per token by every generated reader: inlined, the call costs as much as a
    // direct reader.Read(), and the throw stays out of line so that the inlinee is small.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ReadValueStart(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            ThrowUnexpectedEnd(ref reader);
        }
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowUnexpectedEnd(ref readonly Utf8JsonReader reader) =>
        throw new MalformedJsonException(JsonDocumentChecks.UnexpectedEnd, reader.BytesConsumed);

    /// <summary>Skips the current value (object, array or scalar).</summary>
    public static void SkipValue(ref Utf8JsonReader reader)
    {
        // TrySkip also works on readers over partial input (inside System.Text.Json converters, where the
        // whole value has been buffered beforehand); Skip would throw there.
        if (!reader.TrySkip())
        {
            throw new MalformedJsonException(JsonDocumentChecks.UnexpectedEnd, reader.BytesConsumed);
        }
    }

    /// <summary>Throws when the token is not <paramref name="expected"/> (e.g. an object where an array is expected).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Expect(ref Utf8JsonReader reader, JsonTokenType expected, ReadOnlySpan<byte> member)
    {
        if (reader.TokenType != expected)
        {
            ThrowMismatch(ref reader, expected, member);
        }
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowMismatch(ref Utf8JsonReader reader, JsonTokenType expected, ReadOnlySpan<byte> member) =>
        throw Mismatch(ref reader, DescribeExpected(expected), member);

    public static MalformedJsonException Mismatch(ref Utf8JsonReader reader, string expectedDescription, ReadOnlySpan<byte> member) =>
        new($"expected {expectedDescription} for {Name(member)} but found {DescribeToken(ref reader)}", reader.TokenStartIndex);

    private static long ReadSigned(ref Utf8JsonReader reader, long current, long min, long max, string typeName, ReadOnlySpan<byte> member)
    {
        if (reader.TokenType == JsonTokenType.Number && !reader.HasValueSequence
            && TryParseShortDigits(reader.ValueSpan, out ulong digits) && (long)digits <= max)
        {
            return (long)digits;
        }

        return ReadSignedGeneral(ref reader, current, min, max, typeName, member);
    }

    private static long ReadSignedGeneral(ref Utf8JsonReader reader, long current, long min, long max, string typeName, ReadOnlySpan<byte> member)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return current;
        }

        if (reader.TokenType != JsonTokenType.Number)
        {
            throw CannotRead(ref reader, typeName, member);
        }

        // The reader's own parser accepts exactly JSON integers (no fraction, no exponent), as Go does.
        if (reader.TryGetInt64(out long parsed) && parsed >= min && parsed <= max)
        {
            return parsed;
        }

        Span<byte> scratch = stackalloc byte[MaxNumberLength];
        ReadOnlySpan<byte> text = GetNumberText(ref reader, scratch, out bool truncated);
        bool negative = !text.IsEmpty && text[0] == (byte)'-';
        if (truncated || !TryParseDigits(negative ? text.Slice(1) : text, out ulong magnitude)
            || !TryApplySign(negative, magnitude, out long value) || value < min || value > max)
        {
            throw CannotRead(ref reader, typeName, member);
        }

        return value;
    }

    private static ulong ReadUnsigned(ref Utf8JsonReader reader, ulong current, ulong max, string typeName, ReadOnlySpan<byte> member)
    {
        if (reader.TokenType == JsonTokenType.Number && !reader.HasValueSequence
            && TryParseShortDigits(reader.ValueSpan, out ulong digits) && digits <= max)
        {
            return digits;
        }

        return ReadUnsignedGeneral(ref reader, current, max, typeName, member);
    }

    private static ulong ReadUnsignedGeneral(ref Utf8JsonReader reader, ulong current, ulong max, string typeName, ReadOnlySpan<byte> member)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return current;
        }

        if (reader.TokenType != JsonTokenType.Number)
        {
            throw CannotRead(ref reader, typeName, member);
        }

        if (reader.TryGetUInt64(out ulong parsed) && parsed <= max)
        {
            return parsed;
        }

        Span<byte> scratch = stackalloc byte[MaxNumberLength];
        ReadOnlySpan<byte> text = GetNumberText(ref reader, scratch, out bool truncated);
        if (truncated || !TryParseDigits(text, out ulong value) || value > max)
        {
            throw CannotRead(ref reader, typeName, member);
        }

        return value;
    }

    /// <summary>Clears the unused low bits of the last data character before <c>=</c> padding.</summary>
    private static bool TryClearPaddingBits(Span<byte> text)
    {
        if (text.Length < 4 || text.Length % 4 != 0 || text[^1] != (byte)'=')
        {
            return false;
        }

        int index = text[^2] == (byte)'=' ? text.Length - 3 : text.Length - 2;
        int mask = text[^2] == (byte)'=' ? 0x30 : 0x3C;
        ReadOnlySpan<byte> alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"u8;
        int value = alphabet.IndexOf(text[index]);
        if (value < 0)
        {
            return false;
        }

        text[index] = alphabet[value & mask];
        return true;
    }

    /// <summary>The number token's text; at most <see cref="MaxNumberLength"/> bytes.</summary>
    private static ReadOnlySpan<byte> GetNumberText(ref readonly Utf8JsonReader reader, Span<byte> scratch, out bool truncated)
    {
        if (!reader.HasValueSequence)
        {
            ReadOnlySpan<byte> span = reader.ValueSpan;
            truncated = span.Length > scratch.Length;
            return truncated ? span.Slice(0, scratch.Length) : span;
        }

        ReadOnlySequence<byte> sequence = reader.ValueSequence;
        truncated = sequence.Length > scratch.Length;
        if (truncated)
        {
            sequence = sequence.Slice(0, scratch.Length);
        }

        sequence.CopyTo(scratch);
        return scratch.Slice(0, (int)sequence.Length);
    }

    /// <summary>
    /// The common number token: 1 to 18 digits, no sign, fraction or exponent (which cannot overflow a
    /// <see langword="long"/>). Anything else takes the reader's own parser, whose result is the same for
    /// these tokens but which costs several calls per number.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryParseShortDigits(ReadOnlySpan<byte> text, out ulong value)
    {
        value = 0;
        return text.Length <= 18 && TryParseDigits(text, out value);
    }

    /// <summary>Decimal digits only (at least one), no sign, no fraction or exponent; fails on overflow.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryParseDigits(ReadOnlySpan<byte> digits, out ulong value)
    {
        value = 0;
        if (digits.IsEmpty)
        {
            return false;
        }

        // Nineteen digits or fewer cannot overflow a ulong: no per-digit check on the common path.
        bool mayOverflow = digits.Length > 19;
        foreach (byte b in digits)
        {
            uint digit = (uint)(b - '0');
            if (digit > 9 || (mayOverflow && value > (ulong.MaxValue - digit) / 10))
            {
                return false;
            }

            value = (value * 10) + digit;
        }

        return true;
    }

    private static bool TryApplySign(bool negative, ulong magnitude, out long value)
    {
        if (!negative)
        {
            value = (long)magnitude;
            return magnitude <= long.MaxValue;
        }

        value = magnitude == (ulong)long.MaxValue + 1 ? long.MinValue : -(long)magnitude;
        return magnitude <= (ulong)long.MaxValue + 1;
    }

    private static MalformedJsonException CannotRead(ref Utf8JsonReader reader, string targetDescription, ReadOnlySpan<byte> member) =>
        new($"cannot read {DescribeToken(ref reader)} into {targetDescription} for {Name(member)}", reader.TokenStartIndex);

    private static MalformedJsonException InvalidBase64(ref Utf8JsonReader reader, ReadOnlySpan<byte> member) =>
        new($"illegal base64 data for {Name(member)}", reader.TokenStartIndex);

    private static MalformedJsonException BadKey(ref readonly Utf8JsonReader reader, ReadOnlySpan<byte> key, string range, ReadOnlySpan<byte> member) =>
        new($"cannot read map key \"{Shorten(JsonText.ToString(key))}\" as an integer ({range}) for {Name(member)}", reader.TokenStartIndex);

    /// <summary>A member name for a message.</summary>
    private static string Name(ReadOnlySpan<byte> member) => Encoding.UTF8.GetString(member);

    private static string DescribeExpected(JsonTokenType type) => type switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        JsonTokenType.PropertyName => "a property name",
        JsonTokenType.EndObject => "the end of an object",
        JsonTokenType.EndArray => "the end of an array",
        _ => TokenTypeName(type),
    };

    /// <summary>
    /// <c>type.ToString()</c> without the general enum formatter, which a NativeAOT binary otherwise keeps
    /// (with every enum's name metadata) for messages alone.
    /// </summary>
    internal static string TokenTypeName(JsonTokenType type) => type switch
    {
        JsonTokenType.None => "None",
        JsonTokenType.StartObject => "StartObject",
        JsonTokenType.EndObject => "EndObject",
        JsonTokenType.StartArray => "StartArray",
        JsonTokenType.EndArray => "EndArray",
        JsonTokenType.PropertyName => "PropertyName",
        JsonTokenType.Comment => "Comment",
        JsonTokenType.String => "String",
        JsonTokenType.Number => "Number",
        JsonTokenType.True => "True",
        JsonTokenType.False => "False",
        JsonTokenType.Null => "Null",
        _ => ((int)type).ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>What the reader is on, for messages: <c>an object</c>, <c>number 300</c>, <c>string</c>...</summary>
    private static string DescribeToken(ref readonly Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                return "an object";
            case JsonTokenType.StartArray:
                return "an array";
            case JsonTokenType.String:
                return "a string";
            case JsonTokenType.True:
                return "true";
            case JsonTokenType.False:
                return "false";
            case JsonTokenType.Null:
                return "null";
            case JsonTokenType.PropertyName:
                return "a property name";
            case JsonTokenType.EndObject:
                return "the end of an object";
            case JsonTokenType.EndArray:
                return "the end of an array";
            case JsonTokenType.Number:
                Span<byte> scratch = stackalloc byte[MaxNumberLength];
                ReadOnlySpan<byte> text = GetNumberText(in reader, scratch, out bool truncated);
                return "number " + Encoding.ASCII.GetString(text) + (truncated ? "..." : "");
            default:
                return "nothing";
        }
    }

    private static string Shorten(string text) => text.Length <= 64 ? text : string.Concat(text.AsSpan(0, 64), "...");
}
