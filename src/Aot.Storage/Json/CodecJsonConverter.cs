using System.Text.Json;
using System.Text.Json.Serialization;

namespace Aot.Storage.Json;

/// <summary>
/// Lets System.Text.Json use a generated <see cref="JsonCodec{T}"/>: the generated
/// <c>JsonSerializerContext</c> registers one per type with <c>JsonMetadataServices.CreateValueInfo</c>,
/// so <c>JsonSerializer.Serialize(value, Context.Default.PodConfig)</c> gives the same Go-exact bytes.
/// </summary>
public sealed class CodecJsonConverter<T> : JsonConverter<T>
{
    private readonly JsonCodec<T> _codec;

    public CodecJsonConverter(JsonCodec<T> codec)
    {
        ArgumentNullException.ThrowIfNull(codec);
        _codec = codec;
    }

    public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => _codec.Read(ref reader);

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        PooledBufferWriter buffer = PooledBufferWriter.Rent();
        try
        {
            _codec.Serialize(value, buffer);
            writer.WriteRawValue(buffer.WrittenSpan, skipInputValidation: true);
        }
        finally
        {
            PooledBufferWriter.Return(buffer);
        }
    }
}
