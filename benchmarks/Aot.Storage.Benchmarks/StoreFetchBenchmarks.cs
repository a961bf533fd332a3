using System.Buffers;
using Aot.Storage.FileSystem;
using BenchmarkDotNet.Attributes;

namespace Aot.Storage.Benchmarks;

/// <summary>
/// One store of each resource kind through the typed API, against the syscall floor (the same bytes, the
/// fewest calls: <see cref="NativeFloor"/>), on tmpfs and on disk, with each durability policy.
/// "Floor + codec" adds Aot.Storage's serialization to the floor, so that the engine's own cost is the
/// difference between the last two rows.
/// </summary>
public class StoreBenchmarks
{
    private readonly ArrayBufferWriter<byte> _buffer = new(64 * 1024);
    private ResourceFixture _fixture = null!;

    [ParamsAllValues]
    public ResourceCase Resource { get; set; }

    [ParamsAllValues]
    public Medium Medium { get; set; }

    [ParamsAllValues]
    public Durability Durability { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _fixture = ResourceFixture.Create(Resource, Medium, Durability);
        _fixture.StoreAotStorage();
    }

    [GlobalCleanup]
    public void Cleanup() => _fixture.Dispose();

    [Benchmark(Baseline = true, Description = "Store: syscall floor")]
    public void StoreFloor() => _fixture.Floor.Store(_fixture.Golden, _fixture.Durable);

    [Benchmark(Description = "Store: floor + codec")]
    public void StoreFloorPlusCodec()
    {
        _buffer.ResetWrittenCount();
        _fixture.Serialize(_buffer);
        _fixture.Floor.Store(_buffer.WrittenSpan, _fixture.Durable);
    }

    [Benchmark(Description = "Store: Aot.Storage")]
    public void StoreAotStorage() => _fixture.StoreAotStorage();
}

/// <summary>One fetch of each resource kind through the typed API, against the syscall floor (open, read, close).</summary>
public class FetchBenchmarks
{
    private readonly byte[] _readBuffer = new byte[64 * 1024];
    private ResourceFixture _fixture = null!;

    [ParamsAllValues]
    public ResourceCase Resource { get; set; }

    [ParamsAllValues]
    public Medium Medium { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _fixture = ResourceFixture.Create(Resource, Medium, Durability.None);
        _fixture.StoreAotStorage();
    }

    [GlobalCleanup]
    public void Cleanup() => _fixture.Dispose();

    [Benchmark(Baseline = true, Description = "Fetch: syscall floor")]
    public int FetchFloor() => _fixture.Floor.Fetch(_readBuffer);

    [Benchmark(Description = "Fetch: floor + codec")]
    public object? FetchFloorPlusCodec()
    {
        int length = _fixture.Floor.Fetch(_readBuffer);
        return _fixture.Deserialize(_readBuffer.AsSpan(0, length));
    }

    [Benchmark(Description = "Fetch: Aot.Storage")]
    public object? FetchAotStorage() => _fixture.FetchAotStorage();
}
