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
    public CodecJsonConverter(JsonCodec<T> codec) => throw new NotImplementedException();

    public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => throw new NotImplementedException();

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => throw new NotImplementedException();
}
