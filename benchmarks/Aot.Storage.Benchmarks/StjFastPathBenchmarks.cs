using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;
using Aot.Storage.Benchmarks.Stj;
using Aot.Storage.VirtContainers;
using BenchmarkDotNet.Attributes;

namespace Aot.Storage.Benchmarks;

/// <summary>
/// A converter-free context for the one payload whose types need no converter: STJ's source-generated
/// serialization fast path only runs when the context's options hold no converter (one entry in
/// <c>JsonSourceGenerationOptions.Converters</c> turns it off for every type of the context).
/// </summary>
[JsonSerializable(typeof(ContainerConfig))]
public sealed partial class StjPlainContext : JsonSerializerContext
{
}

/// <summary>
/// ContainerConfig with STJ's fast path on (<see cref="StjPlainContext"/>) next to the <see cref="StjContext"/>
/// that the model as a whole needs (fast path off), and Aot.Storage.
/// </summary>
[IterationCount(15)]
public class StjFastPathBenchmarks
{
    private readonly ArrayBufferWriter<byte> _buffer = new(64 * 1024);
    private Utf8JsonWriter _writer = null!;
    private ContainerConfig _value = null!;
    private byte[] _input = [];

    [GlobalSetup]
    public void Setup()
    {
        _input = Golden.Read("container-config.json");
        _value = VirtContainersStore.Codecs.ContainerConfig.Deserialize(_input);
        _writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions { SkipValidation = true });
    }

    [GlobalCleanup]
    public void Cleanup() => _writer.Dispose();

    [Benchmark(Description = "Serialize: Aot.Storage"), BenchmarkCategory("Serialize")]
    public int SerializeAotStorage()
    {
        _buffer.ResetWrittenCount();
        VirtContainersStore.Codecs.ContainerConfig.Serialize(_value, _buffer);
        return _buffer.WrittenCount;
    }

    [Benchmark(Baseline = true, Description = "Serialize: STJ source-gen, model context (converters, no fast path)"), BenchmarkCategory("Serialize")]
    public int SerializeStjModelContext()
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        JsonSerializer.Serialize(_writer, _value, StjContext.Default.ContainerConfig);
        _writer.Flush();
        return _buffer.WrittenCount;
    }

    [Benchmark(Description = "Serialize: STJ source-gen, plain context (fast path)"), BenchmarkCategory("Serialize")]
    public int SerializeStjFastPath()
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        JsonSerializer.Serialize(_writer, _value, StjPlainContext.Default.ContainerConfig);
        _writer.Flush();
        return _buffer.WrittenCount;
    }

    [Benchmark(Description = "Deserialize: Aot.Storage"), BenchmarkCategory("Deserialize")]
    public ContainerConfig DeserializeAotStorage() => VirtContainersStore.Codecs.ContainerConfig.Deserialize(_input);

    [Benchmark(Baseline = true, Description = "Deserialize: STJ source-gen, model context"), BenchmarkCategory("Deserialize")]
    public ContainerConfig? DeserializeStjModelContext() => JsonSerializer.Deserialize(_input, StjContext.Default.ContainerConfig);

    [Benchmark(Description = "Deserialize: STJ source-gen, plain context"), BenchmarkCategory("Deserialize")]
    public ContainerConfig? DeserializeStjPlainContext() => JsonSerializer.Deserialize(_input, StjPlainContext.Default.ContainerConfig);
}
