using System.ComponentModel;
using System.Net;
using System.Text.Json;

namespace Aot.Storage.Json;

/// <summary>
/// Value readers used by generated codecs. Each is tolerant the way Go's <c>encoding/json</c> is:
/// a JSON <c>null</c> leaves the current value (the <c>current</c> argument) for value types and strings,
/// numbers must be integers in range, and every mismatch is a <see cref="MalformedJsonException"/> naming
/// the member (the <c>member</c> argument, e.g. <c>"Process.Pid"</c>) and the byte offset.
/// The reader is positioned on the value's token and is left there.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class JsonReading
{
    public static string ReadString(ref Utf8JsonReader reader, string current, string member) => throw new NotImplementedException();

    public static bool ReadBoolean(ref Utf8JsonReader reader, bool current, string member) => throw new NotImplementedException();

    public static long ReadInt64(ref Utf8JsonReader reader, long current, string member) => throw new NotImplementedException();

    public static int ReadInt32(ref Utf8JsonReader reader, int current, string member) => throw new NotImplementedException();

    public static short ReadInt16(ref Utf8JsonReader reader, short current, string member) => throw new NotImplementedException();

    public static sbyte ReadSByte(ref Utf8JsonReader reader, sbyte current, string member) => throw new NotImplementedException();

    public static ulong ReadUInt64(ref Utf8JsonReader reader, ulong current, string member) => throw new NotImplementedException();

    public static uint ReadUInt32(ref Utf8JsonReader reader, uint current, string member) => throw new NotImplementedException();

    public static ushort ReadUInt16(ref Utf8JsonReader reader, ushort current, string member) => throw new NotImplementedException();

    public static byte ReadByte(ref Utf8JsonReader reader, byte current, string member) => throw new NotImplementedException();

    /// <summary><c>[]byte</c>: base64 (standard alphabet, padding; CR/LF ignored) or <c>null</c>.</summary>
    public static byte[]? ReadBase64(ref Utf8JsonReader reader, string member) => throw new NotImplementedException();

    /// <summary><c>net.IP</c>: <c>""</c> and <c>null</c> give <see langword="null"/>.</summary>
    public static IPAddress? ReadIPAddress(ref Utf8JsonReader reader, IPAddress? current, string member) => throw new NotImplementedException();

    public static Timestamp ReadTimestamp(ref Utf8JsonReader reader, Timestamp current, string member) => throw new NotImplementedException();

    /// <summary>Any JSON value as <see cref="RawJson"/>; <c>null</c> gives <see langword="null"/>.</summary>
    public static RawJson? ReadRawJson(ref Utf8JsonReader reader) => throw new NotImplementedException();

    /// <summary>Parses a map key written as a decimal string (Go integer-keyed maps).</summary>
    public static ulong ParseUInt64Key(ref Utf8JsonReader reader, ulong max, string member) => throw new NotImplementedException();

    public static long ParseInt64Key(ref Utf8JsonReader reader, long min, long max, string member) => throw new NotImplementedException();

    /// <summary>
    /// The current property name as unescaped UTF-8: the reader's own span when possible, otherwise
    /// unescaped into <paramref name="scratch"/> (or a new array when it is too small).
    /// </summary>
    public static ReadOnlySpan<byte> GetPropertyName(ref Utf8JsonReader reader, Span<byte> scratch) => throw new NotImplementedException();

    /// <summary>Go's second chance for keys: equal under Unicode simple case folding (<c>"netnspath"</c>,
    /// <c>"\u212A"</c> for <c>K</c>). <paramref name="expected"/> is ASCII.</summary>
    public static bool EqualsIgnoreCase(ReadOnlySpan<byte> utf8Name, string expected) => throw new NotImplementedException();

    /// <summary>Moves the reader to the start token of the next value, failing clearly at end of input.</summary>
    public static void ReadValueStart(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw new MalformedJsonException(JsonDocumentChecks.UnexpectedEnd, reader.BytesConsumed);
        }
    }

    /// <summary>Skips the current value (object, array or scalar).</summary>
    public static void SkipValue(ref Utf8JsonReader reader) => throw new NotImplementedException();

    /// <summary>Throws when the token is not <paramref name="expected"/> (e.g. an object where an array is expected).</summary>
    public static void Expect(ref Utf8JsonReader reader, JsonTokenType expected, string member) => throw new NotImplementedException();

    public static MalformedJsonException Mismatch(ref Utf8JsonReader reader, string expectedDescription, string member) => throw new NotImplementedException();
}
