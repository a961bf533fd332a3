using System.Buffers;
using System.Text;
using System.Text.Json;
using Aot.Storage.FileSystem;
using Aot.Storage.Json;

namespace Aot.Storage.Tests.Storage;

/// <summary>The two-field struct of Go's filesystem_test.go (<c>{"Field1":"value1","Field2":"value2"}</c>).</summary>
public sealed class Sample
{
    public string? Field1 { get; set; }

    public string? Field2 { get; set; }

    public static Sample Of(string field1, string field2) => new() { Field1 = field1, Field2 = field2 };
}

/// <summary>
/// A hand-written byte-level serializer for <see cref="Sample"/>: compact output in Go's field order, a
/// tolerant reader (unknown keys skipped, missing keys left null), <see cref="MalformedJsonException"/>
/// with the byte offset for anything else.
/// </summary>
internal sealed class SampleSerializer : IPayloadSerializer<Sample>
{
    public static readonly SampleSerializer Instance = new();

    public void Serialize(Sample value, IBufferWriter<byte> output)
    {
        string text = $"{{\"Field1\":\"{value.Field1}\",\"Field2\":\"{value.Field2}\"}}";
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        bytes.CopyTo(output.GetSpan(bytes.Length));
        output.Advance(bytes.Length);
    }

    public Sample Deserialize(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Trim(" \t\r\n"u8).IsEmpty)
        {
            throw new MalformedJsonException("unexpected end of JSON input", utf8.Length);
        }

        var reader = new Utf8JsonReader(utf8);
        try
        {
            if (!reader.Read())
            {
                throw new MalformedJsonException("unexpected end of JSON input", 0);
            }

            Sample result = ReadObject(ref reader);
            if (reader.Read())
            {
                throw new MalformedJsonException("invalid character after top-level value", reader.TokenStartIndex);
            }

            return result;
        }
        catch (JsonException ex) when (ex is not MalformedJsonException)
        {
            throw new MalformedJsonException(ex.Message, reader.BytesConsumed, ex);
        }
    }

    internal static Sample ReadObject(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new MalformedJsonException($"cannot unmarshal {reader.TokenType} into Sample", reader.TokenStartIndex);
        }

        var result = new Sample();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            string? name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "Field1":
                    result.Field1 = reader.GetString();
                    break;
                case "Field2":
                    result.Field2 = reader.GetString();
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return result;
    }
}

/// <summary>Writes part of the output, then fails, like a codec that meets an unsupported value.</summary>
internal sealed class FailingSerializer : IPayloadSerializer<Sample>
{
    public void Serialize(Sample value, IBufferWriter<byte> output)
    {
        output.GetSpan(8)[..8].Fill((byte)'{');
        output.Advance(8);
        throw new NotSupportedException("json: unsupported type: chan bool");
    }

    public Sample Deserialize(ReadOnlySpan<byte> utf8) => throw new NotSupportedException();
}

/// <summary>The same payload through the public <see cref="JsonCodec{T}"/> API.</summary>
internal sealed class SampleCodec : JsonCodec<Sample>
{
    public static readonly SampleCodec Instance = new();

    public override void Write(ref GoJsonWriter writer, Sample value)
    {
        writer.WriteRaw("{\"Field1\":"u8);
        writer.WriteString(value.Field1);
        writer.WriteRaw(",\"Field2\":"u8);
        writer.WriteString(value.Field2);
        writer.WriteByte((byte)'}');
    }

    public override Sample Read(ref Utf8JsonReader reader) => SampleSerializer.ReadObject(ref reader);
}
