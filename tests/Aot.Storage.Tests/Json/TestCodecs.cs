using System.Text.Json;
using Aot.Storage.Json;

namespace Aot.Storage.Tests.Json;

/// <summary>A tiny model in the shape generated code has: exported fields in declaration order.</summary>
public sealed class Sample
{
    public string Name { get; set; } = "";

    public long Count { get; set; }

    public Dictionary<string, string>? Labels { get; set; }
}

/// <summary>A hand-written codec standing in for generated code.</summary>
internal sealed class SampleCodec : JsonCodec<Sample?>
{
    public static readonly SampleCodec Instance = new();

    public override void Write(ref GoJsonWriter writer, Sample? value)
    {
        if (value is null)
        {
            writer.WriteNull();
            return;
        }

        writer.WriteRaw("{\"Name\":"u8);
        writer.WriteString(value.Name);
        writer.WriteRaw(",\"Count\":"u8);
        writer.WriteNumber(value.Count);
        writer.WriteRaw(",\"Labels\":"u8);
        JsonWriting.WriteStringKeyedMap(ref writer, value.Labels, static (ref GoJsonWriter w, string v) => w.WriteString(v));
        writer.WriteByte((byte)'}');
    }

    public override Sample? Read(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        JsonReading.Expect(ref reader, JsonTokenType.StartObject, "Sample"u8);
        var result = new Sample();
        Span<byte> scratch = stackalloc byte[64];
        while (true)
        {
            JsonReading.ReadValueStart(ref reader);
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                return result;
            }

            ReadOnlySpan<byte> name = JsonReading.GetPropertyName(ref reader, scratch);
            JsonReading.ReadValueStart(ref reader);
            if (name.SequenceEqual("Name"u8) || JsonReading.EqualsIgnoreCase(name, "Name"u8))
            {
                result.Name = JsonReading.ReadString(ref reader, result.Name, "Sample.Name"u8);
            }
            else if (name.SequenceEqual("Count"u8) || JsonReading.EqualsIgnoreCase(name, "Count"u8))
            {
                result.Count = JsonReading.ReadInt64(ref reader, result.Count, "Sample.Count"u8);
            }
            else if (name.SequenceEqual("Labels"u8) || JsonReading.EqualsIgnoreCase(name, "Labels"u8))
            {
                result.Labels = ReadLabels(ref reader);
            }
            else
            {
                JsonReading.SkipValue(ref reader);
            }
        }
    }

    private static Dictionary<string, string>? ReadLabels(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        JsonReading.Expect(ref reader, JsonTokenType.StartObject, "Sample.Labels"u8);
        var map = new Dictionary<string, string>();
        while (true)
        {
            JsonReading.ReadValueStart(ref reader);
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                return map;
            }

            string key = reader.GetString()!;
            JsonReading.ReadValueStart(ref reader);
            map[key] = JsonReading.ReadString(ref reader, map.GetValueOrDefault(key, ""), "Sample.Labels"u8);
        }
    }
}

/// <summary>A top-level JSON number, to exercise the document rules on scalars.</summary>
internal sealed class Int64Codec : JsonCodec<long>
{
    public static readonly Int64Codec Instance = new();

    public override void Write(ref GoJsonWriter writer, long value) => writer.WriteNumber(value);

    public override long Read(ref Utf8JsonReader reader) => JsonReading.ReadInt64(ref reader, 0, "value"u8);
}

/// <summary>Reads a JSON string through <see cref="Utf8JsonReader.GetString"/>, as generated code may.</summary>
internal sealed class GetStringCodec : JsonCodec<string?>
{
    public static readonly GetStringCodec Instance = new();

    public override void Write(ref GoJsonWriter writer, string? value) => writer.WriteString(value);

    public override string? Read(ref Utf8JsonReader reader) => reader.GetString();
}

/// <summary>Any value kept as raw JSON.</summary>
internal sealed class RawCodec : JsonCodec<RawJson?>
{
    public static readonly RawCodec Instance = new();

    public override void Write(ref GoJsonWriter writer, RawJson? value) => writer.WriteRawJson(value);

    public override RawJson? Read(ref Utf8JsonReader reader) => JsonReading.ReadRawJson(ref reader);
}
