using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Aot.Storage.Benchmarks.Stj;
using Aot.Storage.Json;
using Aot.Storage.VirtContainers;

namespace Aot.Storage.Benchmarks;

/// <summary>The four payloads of the serialization benchmarks, each from its golden file.</summary>
public enum PayloadKind
{
    PodConfig,
    ContainerConfig,
    Devices,
    Network,
}

/// <summary>
/// One payload type with every implementation under test: Aot.Storage's generated codec, STJ's source
/// generator (<see cref="StjContext"/>) and STJ reflection, all on the same value and the same input bytes.
/// </summary>
public abstract class PayloadCase
{
    /// <summary>The Go-written bytes: the deserialization input and the expected output of Aot.Storage.</summary>
    public abstract byte[] Golden { get; }

    public abstract string FileName { get; }

    public abstract void SerializeAotStorage(IBufferWriter<byte> output);

    public abstract void SerializeStjSourceGen(Utf8JsonWriter writer);

    public abstract void SerializeStjReflection(Utf8JsonWriter writer);

    public abstract object? DeserializeAotStorage(ReadOnlySpan<byte> utf8);

    public abstract object? DeserializeStjSourceGen(ReadOnlySpan<byte> utf8);

    public abstract object? DeserializeStjReflection(ReadOnlySpan<byte> utf8);

    /// <summary>Aot.Storage's bytes for a value that one of the deserializers produced.</summary>
    public abstract byte[] ReserializeAotStorage(object? value);

    public static PayloadCase Create(PayloadKind kind) => kind switch
    {
        PayloadKind.PodConfig => new PayloadCase<PodConfig>("podconfig.json", VirtContainersStore.Codecs.PodConfig, StjFixups.AfterRead),
        PayloadKind.ContainerConfig => new PayloadCase<ContainerConfig>("container-config.json", VirtContainersStore.Codecs.ContainerConfig),
        PayloadKind.Devices => new PayloadCase<List<Device>?>("devices.json", VirtContainersStore.Codecs.ListOfDevice),
        PayloadKind.Network => new PayloadCase<NetworkNamespace>("network.json", VirtContainersStore.Codecs.NetworkNamespace),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}

public sealed class PayloadCase<T> : PayloadCase
{
    private readonly JsonCodec<T> _codec;
    private readonly Func<T, T>? _afterStjRead;
    private readonly JsonTypeInfo<T> _sourceGen;
    private readonly JsonTypeInfo<T> _reflection;
    private readonly T _value;

    public PayloadCase(string fileName, JsonCodec<T> codec, Func<T, T>? afterStjRead = null)
    {
        FileName = fileName;
        Golden = Benchmarks.Golden.Read(fileName);
        _codec = codec;
        _afterStjRead = afterStjRead;
        _sourceGen = StjOptions.SourceGen<T>();
        _reflection = StjOptions.ReflectionInfo<T>();
        _value = codec.Deserialize(Golden);
    }

    public override byte[] Golden { get; }

    public override string FileName { get; }

    public T Value => _value;

    public override void SerializeAotStorage(IBufferWriter<byte> output) => _codec.Serialize(_value, output);

    public override void SerializeStjSourceGen(Utf8JsonWriter writer) => JsonSerializer.Serialize(writer, _value, _sourceGen);

    public override void SerializeStjReflection(Utf8JsonWriter writer) => JsonSerializer.Serialize(writer, _value, _reflection);

    public override object? DeserializeAotStorage(ReadOnlySpan<byte> utf8) => _codec.Deserialize(utf8);

    public override object? DeserializeStjSourceGen(ReadOnlySpan<byte> utf8) => AfterStjRead(JsonSerializer.Deserialize(utf8, _sourceGen));

    public override object? DeserializeStjReflection(ReadOnlySpan<byte> utf8) => AfterStjRead(JsonSerializer.Deserialize(utf8, _reflection));

    public override byte[] ReserializeAotStorage(object? value) => _codec.Serialize((T)value!);

    private T? AfterStjRead(T? value) => value is not null && _afterStjRead is not null ? _afterStjRead(value) : value;
}
