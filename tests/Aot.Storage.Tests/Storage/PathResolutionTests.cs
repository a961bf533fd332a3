using Aot.Storage.FileSystem;
using Aot.Storage.Native;
using static Aot.Storage.Tests.Storage.StorageTestEnvironment;
using K = Aot.Storage.VirtContainers.VirtContainersStore.Kinds;

namespace Aot.Storage.Tests.Storage;

/// <summary>
/// A directory is reached with one <c>openat2(RESOLVE_NO_SYMLINKS)</c> of the root path with its parents resolved
/// once; every failure is resolved again component by component. Both ways give the same results.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class PathResolutionTests
{
    private const string PodId = "pod1";

    [Fact]
    public void RootsBelowALinkedParentAreUsedLikeAnyOther()
    {
        using var env = new StorageTestEnvironment();

        // Like /var/run -> /run: the roots' parent is a link, which is trusted configuration.
        string real = Path.Combine(env.Base, "real");
        Directory.CreateDirectory(real);
        string linked = Path.Combine(env.Base, "linked");
        File.CreateSymbolicLink(linked, real);
        var engine = new FileSystemResourceEngine(Routing, new FileSystemStoreOptions
        {
            ConfigRoot = Path.Combine(linked, "config"),
            RunRoot = Path.Combine(linked, "run"),
        });

        engine.CreatePod(PodId);
        engine.CreateContainer(PodId, "c1");
        for (int i = 0; i < 3; i++)
        {
            engine.StoreCore(Ctr(K.State, PodId, "c1"), Sample.Of("state", i.ToString(System.Globalization.CultureInfo.InvariantCulture)), SampleSerializer.Instance);
        }

        Assert.Equal("{\"Field1\":\"state\",\"Field2\":\"2\"}", File.ReadAllText(Path.Combine(real, "run", PodId, "c1", "state.json")));
        Assert.Equal("2", engine.FetchCore<Sample, SampleSerializer>(Ctr(K.State, PodId, "c1"), SampleSerializer.Instance).Field2);
    }

    [Fact]
    public void ARootReplacedByALinkAfterUseIsRefused()
    {
        using var env = new StorageTestEnvironment();
        env.Engine.CreatePod(PodId);
        env.Store(Pod(K.State, PodId), Sample.Of("before", "x"));
        string victim = Path.Combine(env.Base, "victim");
        Directory.CreateDirectory(Path.Combine(victim, PodId));
        File.WriteAllText(Path.Combine(victim, PodId, "state.json"), "victim");

        Directory.Delete(env.RunRoot, recursive: true);
        File.CreateSymbolicLink(env.RunRoot, victim);

        var ex = Assert.Throws<ResourceIOException>(() => env.Store(Pod(K.State, PodId), Sample.Of("after", "x")));
        Assert.Contains(ex.ErrorNumber, new[] { Errno.ELOOP, Errno.ENOTDIR });
        Assert.StartsWith("Cannot open storage root: it is a symbolic link or not a directory: ", ex.Message, StringComparison.Ordinal);
        Assert.Equal(env.RunRoot, ex.Path);
        Assert.Throws<ResourceIOException>(() => env.Fetch(Pod(K.State, PodId)));
        Assert.Equal("victim", File.ReadAllText(Path.Combine(victim, PodId, "state.json")));
    }

    [Fact]
    public void ARootRemovedAndCreatedAgainIsFoundAgain()
    {
        using var env = new StorageTestEnvironment();
        env.Engine.CreatePod(PodId);
        env.Store(Pod(K.State, PodId), Sample.Of("first", "x"));

        Directory.Delete(env.RunRoot, recursive: true);
        Assert.False(env.TryFetch(Pod(K.State, PodId), out _));
        var missing = Assert.Throws<ResourceNotFoundException>(() => env.Store(Pod(K.State, PodId), Sample.Of("lost", "x")));
        Assert.Equal(Path.Combine(env.RunRoot, PodId), missing.Path);

        env.Engine.CreatePod(PodId);
        env.Store(Pod(K.State, PodId), Sample.Of("second", "x"));
        Assert.Equal("second", env.Fetch(Pod(K.State, PodId)).Field1);
    }

    [Fact]
    public void WithoutOpenat2TheComponentWalkGivesTheSameTreeAndErrors()
    {
        string Exercise(StorageTestEnvironment env)
        {
            env.Engine.CreatePod(PodId);
            env.Engine.CreateContainer(PodId, "c1");
            env.Store(Pod(K.Config, PodId), Sample.Of("config", "x"));
            env.Store(Ctr(K.State, PodId, "c1"), Sample.Of("state", "y"));
            env.Store(Ctr(K.State, PodId, "c1"), Sample.Of("state", "z"));
            var missingContainer = Assert.Throws<ResourceNotFoundException>(() => env.Store(Ctr(K.State, PodId, "c2"), Sample.Of("s", "t")));
            var missingPod = Assert.Throws<ResourceNotFoundException>(() => env.Store(Ctr(K.State, "pod2", "c1"), Sample.Of("s", "t")));
            string? fetched = env.Fetch(Ctr(K.State, PodId, "c1")).ToString();
            return string.Join("\n", env.Snapshot(), fetched, missingContainer.Message, missingPod.Message)
                .Replace(env.Base, "<base>", StringComparison.Ordinal);
        }

        using var withOpenat2 = new StorageTestEnvironment();
        string expected = Exercise(withOpenat2);

        FileSystemResourceEngine.ComponentWalkOnly = true;
        try
        {
            using var withoutOpenat2 = new StorageTestEnvironment();
            Assert.Equal(expected, Exercise(withoutOpenat2));
        }
        finally
        {
            FileSystemResourceEngine.ComponentWalkOnly = false;
        }
    }
}
