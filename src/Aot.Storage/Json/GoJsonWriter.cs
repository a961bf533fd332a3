using System.Buffers;
using System.Net;

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
    public GoJsonWriter(IBufferWriter<byte> output)
    {
        throw new NotImplementedException();
    }

    /// <summary>Bytes written so far, flushed or not.</summary>
    public readonly long BytesWritten => throw new NotImplementedException();

    /// <summary>Copies bytes that are already valid JSON text (structural characters, pre-escaped property names).</summary>
    public void WriteRaw(scoped ReadOnlySpan<byte> utf8) => throw new NotImplementedException();

    public void WriteByte(byte value) => throw new NotImplementedException();

    public void WriteNull() => throw new NotImplementedException();

    public void WriteBoolean(bool value) => throw new NotImplementedException();

    public void WriteNumber(long value) => throw new NotImplementedException();

    public void WriteNumber(ulong value) => throw new NotImplementedException();

    /// <summary>Writes a quoted, Go-escaped string; <see langword="null"/> is written as <c>""</c>
    /// (Go strings have no null).</summary>
    public void WriteString(string? value) => throw new NotImplementedException();

    /// <summary>Writes a quoted, Go-escaped string from UTF-8; invalid sequences become <c>\ufffd</c>.</summary>
    public void WriteStringUtf8(scoped ReadOnlySpan<byte> utf8) => throw new NotImplementedException();

    /// <summary><c>[]byte</c>: standard base64 with padding, <c>null</c> for <see langword="null"/>.</summary>
    public void WriteBase64(byte[]? value) => throw new NotImplementedException();

    /// <summary><c>net.IP</c>: <c>""</c> for <see langword="null"/>, dotted quad for IPv4 and IPv4-mapped IPv6,
    /// RFC 5952 text (as Go prints it) for IPv6.</summary>
    public void WriteIPAddress(IPAddress? value) => throw new NotImplementedException();

    /// <summary><c>time.Time</c>: RFC 3339 with nanoseconds, trailing zeros trimmed.</summary>
    public void WriteTimestamp(Timestamp value) => throw new NotImplementedException();

    /// <summary>Writes raw JSON kept from a read (unknown union cases, <c>interface{}</c> values);
    /// <c>null</c> for <see langword="null"/>.</summary>
    public void WriteRawJson(RawJson? value) => throw new NotImplementedException();

    /// <summary>Hands every buffered byte to the output.</summary>
    public void Flush() => throw new NotImplementedException();
}
