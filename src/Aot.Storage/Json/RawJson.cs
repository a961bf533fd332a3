using System.Text;
using System.Text.Json;

namespace Aot.Storage.Json;

/// <summary>
/// A JSON value kept as compact UTF-8 text because the model does not type it (an unknown union case,
/// a Go <c>interface{}</c>). It is written back as it was read, compacted the way Go compacts a
/// <c>json.RawMessage</c>. Never holds the literal <c>null</c>: that is a <see langword="null"/> reference.
/// </summary>
public sealed class RawJson : IEquatable<RawJson>
{
    private readonly ReadOnlyMemory<byte> _utf8;

    /// <summary>Wraps already compact JSON text; use <see cref="Parse(string)"/> for text of unknown shape.</summary>
    public RawJson(ReadOnlyMemory<byte> compactUtf8)
    {
        if (compactUtf8.IsEmpty)
        {
            throw new ArgumentException("Raw JSON cannot be empty.", nameof(compactUtf8));
        }

        _utf8 = compactUtf8;
    }

    public ReadOnlyMemory<byte> Utf8 => _utf8;

    /// <summary>Validates and compacts <paramref name="json"/>.</summary>
    /// <exception cref="MalformedJsonException">The text is not one JSON value.</exception>
    /// <exception cref="ArgumentException">The text is the literal <c>null</c>.</exception>
    public static RawJson Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        RawJson? value = RawJsonDocumentCodec.Instance.Deserialize(Encoding.UTF8.GetBytes(json));
        return value ?? throw new ArgumentException("The literal null is represented by a null reference, not a RawJson.", nameof(json));
    }

    /// <summary>Reads the value at the reader's current token into compact text (Go-escaped strings,
    /// numbers verbatim) and leaves the reader on its last token.</summary>
    /// <exception cref="InvalidOperationException">The reader is on a <c>null</c> token (use
    /// <see cref="JsonReading.ReadRawJson"/>, which gives <see langword="null"/>).</exception>
    public static RawJson ReadFrom(ref Utf8JsonReader reader)
    {
        if (reader.TokenType is JsonTokenType.Null or JsonTokenType.None or JsonTokenType.PropertyName
            or JsonTokenType.EndObject or JsonTokenType.EndArray)
        {
            throw new InvalidOperationException($"The reader is on {JsonReading.TokenTypeName(reader.TokenType)}, not on the start of a non-null value.");
        }

        PooledBufferWriter buffer = PooledBufferWriter.Rent();
        try
        {
            var writer = new GoJsonWriter(buffer);
            int depth = reader.CurrentDepth;
            bool needsComma = false;
            while (true)
            {
                WriteToken(ref reader, ref writer, ref needsComma);
                if (reader.CurrentDepth == depth && reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
                {
                    break;
                }

                JsonReading.ReadValueStart(ref reader);
            }

            writer.Flush();
            return new RawJson(buffer.ToArray());
        }
        finally
        {
            PooledBufferWriter.Return(buffer);
        }
    }

    public bool Equals(RawJson? other) => other is not null && _utf8.Span.SequenceEqual(other._utf8.Span);

    public override bool Equals(object? obj) => obj is RawJson other && Equals(other);

    public override int GetHashCode()
    {
        var hash = default(HashCode);
        hash.AddBytes(_utf8.Span);
        return hash.ToHashCode();
    }

    public override string ToString() => Encoding.UTF8.GetString(_utf8.Span);

    private static void WriteToken(ref Utf8JsonReader reader, ref GoJsonWriter writer, ref bool needsComma)
    {
        JsonTokenType type = reader.TokenType;
        if (type is JsonTokenType.EndObject or JsonTokenType.EndArray)
        {
            writer.WriteByte(type == JsonTokenType.EndObject ? (byte)'}' : (byte)']');
            needsComma = true;
            return;
        }

        if (needsComma)
        {
            writer.WriteByte((byte)',');
        }

        needsComma = true;
        switch (type)
        {
            case JsonTokenType.StartObject:
                writer.WriteByte((byte)'{');
                needsComma = false;
                break;
            case JsonTokenType.StartArray:
                writer.WriteByte((byte)'[');
                needsComma = false;
                break;
            case JsonTokenType.PropertyName:
                WriteString(ref reader, ref writer);
                writer.WriteByte((byte)':');
                needsComma = false;
                break;
            case JsonTokenType.String:
                WriteString(ref reader, ref writer);
                break;
            case JsonTokenType.Number:
                if (reader.HasValueSequence)
                {
                    foreach (ReadOnlyMemory<byte> segment in reader.ValueSequence)
                    {
                        writer.WriteRaw(segment.Span);
                    }
                }
                else
                {
                    writer.WriteRaw(reader.ValueSpan);
                }

                break;
            case JsonTokenType.True:
                writer.WriteBoolean(true);
                break;
            case JsonTokenType.False:
                writer.WriteBoolean(false);
                break;
            case JsonTokenType.Null:
                writer.WriteNull();
                break;
            default:
                throw new InvalidOperationException($"Unexpected token {JsonReading.TokenTypeName(type)}.");
        }
    }

    private static void WriteString(ref Utf8JsonReader reader, ref GoJsonWriter writer)
    {
        Span<byte> scratch = stackalloc byte[JsonText.StackScratchSize];
        ReadOnlySpan<byte> text = JsonText.GetUnescaped(ref reader, scratch, out byte[]? rented);
        try
        {
            writer.WriteStringUtf8(text);
        }
        finally
        {
            JsonText.Return(rented);
        }
    }

    /// <summary>Whole-document parsing for <see cref="Parse(string)"/>.</summary>
    private sealed class RawJsonDocumentCodec : JsonCodec<RawJson?>
    {
        public static readonly RawJsonDocumentCodec Instance = new();

        public override void Write(ref GoJsonWriter writer, RawJson? value) => writer.WriteRawJson(value);

        public override RawJson? Read(ref Utf8JsonReader reader) => JsonReading.ReadRawJson(ref reader);
    }
}
