using Aot.Storage.FileSystem;
using static Aot.Storage.Tests.Storage.StorageTestEnvironment;

namespace Aot.Storage.Tests.Storage;

/// <summary>The public, <see cref="Aot.Storage.Json.JsonCodec{T}"/>-based API of the engine.</summary>
public sealed class JsonCodecEngineTests
{
    private const string PodId = "pod1";

    private static VirtContainersTestRouting K => VirtContainersTestRouting.Instance;

    [Fact]
    public void StoreFetchTryFetchAndUpdateThroughACodec()
    {
        using var env = new StorageTestEnvironment();
        IResourceEngine engine = env.Engine;
        engine.CreatePod(PodId);
        engine.CreateContainer(PodId, "c1");
        ResourceAddress address = Ctr(K.State, PodId, "c1");

        Assert.False(engine.TryFetch(address, SampleCodec.Instance, out Sample? missing));
        Assert.Null(missing);

        engine.Store(address, Sample.Of("<ready>", "é\u2028"), SampleCodec.Instance);
        Assert.Equal("{\"Field1\":\"\\u003cready\\u003e\",\"Field2\":\"é\\u2028\"}", File.ReadAllText(engine.GetPath(address)));

        Sample fetched = engine.Fetch(address, SampleCodec.Instance);
        Assert.Equal("<ready>", fetched.Field1);
        Assert.Equal("é\u2028", fetched.Field2);
        Assert.True(engine.TryFetch(address, SampleCodec.Instance, out Sample? again));
        Assert.Equal("<ready>", again!.Field1);

        Sample updated = engine.Update(address, SampleCodec.Instance, s => Sample.Of(s!.Field1 + "!", "x"), TimeSpan.FromSeconds(1));
        Assert.Equal("<ready>!", updated.Field1);
        Assert.Equal("<ready>!", engine.Fetch(address, SampleCodec.Instance).Field1);
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("   ", 3)]
    [InlineData("{\"Field1\":", 10)]
    [InlineData("{\"Field1\":\"a\"} x", 15)]
    [InlineData("\uFEFF{}", 0)]
    public void MalformedFilesAreCorruptWithTheCodecsOffset(string content, long offset)
    {
        using var env = new StorageTestEnvironment();
        env.Engine.CreatePod(PodId);
        ResourceAddress address = Pod(K.Hypervisor, PodId);
        File.WriteAllText(env.Engine.GetPath(address), content);

        var ex = Assert.Throws<CorruptResourceException>(() => env.Engine.Fetch(address, SampleCodec.Instance));

        Assert.Equal(offset, ex.ByteOffset);
        Assert.Equal("hypervisor", ex.Resource);
        Assert.Equal(env.Engine.GetPath(address), ex.Path);
        Assert.IsType<Aot.Storage.Json.MalformedJsonException>(ex.InnerException);
        FileAssert.SingleLine(ex);
    }

    [Fact]
    public void PrettyPrintedJsonIsReadThroughACodec()
    {
        using var env = new StorageTestEnvironment();
        env.Engine.CreatePod(PodId);
        ResourceAddress address = Pod(K.Agent, PodId);
        File.WriteAllText(env.Engine.GetPath(address), "{\n    \"Field2\": \"b\",\n    \"Unknown\": [1, {\"x\": null}],\n    \"Field1\": \"a\"\n}\n");

        Sample value = env.Engine.Fetch(address, SampleCodec.Instance);

        Assert.Equal("a", value.Field1);
        Assert.Equal("b", value.Field2);
    }

    [Fact]
    public void NullCodecOrUpdateIsAnArgumentError()
    {
        using var env = new StorageTestEnvironment();
        env.Engine.CreatePod(PodId);
        ResourceAddress address = Pod(K.State, PodId);
        Assert.Throws<ArgumentNullException>(() => env.Engine.Store(address, Sample.Of("a", "b"), null!));
        Assert.Throws<ArgumentNullException>(() => env.Engine.Fetch<Sample>(address, null!));
        Assert.Throws<ArgumentNullException>(() => env.Engine.Update(address, SampleCodec.Instance, null!, TimeSpan.FromSeconds(1)));
        Assert.Throws<ArgumentNullException>(() => new FileSystemResourceEngine(null!));
    }
}
