using Aot.Storage.Json;

namespace Aot.Storage.FileSystem;

/// <summary>How the engine turns a value into bytes and back: a <see cref="JsonCodec{T}"/> in the public
/// API, anything in tests of the byte-level behaviour.</summary>
internal interface IPayloadSerializer<T>
{
    void Serialize(T value, System.Buffers.IBufferWriter<byte> output);

    T Deserialize(ReadOnlySpan<byte> utf8);
}

internal readonly struct CodecSerializer<T> : IPayloadSerializer<T>
{
    private readonly JsonCodec<T> _codec;

    public CodecSerializer(JsonCodec<T> codec)
    {
        ArgumentNullException.ThrowIfNull(codec);
        _codec = codec;
    }

    public void Serialize(T value, System.Buffers.IBufferWriter<byte> output) => _codec.Serialize(value, output);

    public T Deserialize(ReadOnlySpan<byte> utf8) => _codec.Deserialize(utf8);
}
