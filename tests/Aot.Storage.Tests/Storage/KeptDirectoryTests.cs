using Aot.Storage.FileSystem;
using Aot.Storage.VirtContainers;
using static Aot.Storage.Tests.Storage.StorageTestEnvironment;
using K = Aot.Storage.VirtContainers.VirtContainersStore.Kinds;

namespace Aot.Storage.Tests.Storage;

/// <summary>
/// An engine keeps the pod and container directories it has used open (FileSystemStoreOptions.MaxOpenDirectories):
/// a directory removed behind its back is noticed, deleting through the engine or disposing it closes them, and
/// the bound holds.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class KeptDirectoryTests
{
    private const string PodId = "pod1";

    /// <summary>Descriptors of this process open on <paramref name="directory"/> or below it (removed ones included).</summary>
    private static int OpenDescriptorsUnder(string directory)
    {
        int count = 0;
        foreach (string fd in Directory.GetFileSystemEntries("/proc/self/fd"))
        {
            string? target = new FileInfo(fd).LinkTarget;
            if (target is not null && (target == directory || target.StartsWith(directory + "/", StringComparison.Ordinal)))
            {
                count++;
            }
        }

        return count;
    }

    [Fact]
    public void CreatePodAndContainerKeepTheirDirectoriesAndDisposeClosesThem()
    {
        using var env = new StorageTestEnvironment();
        env.Engine.CreatePod(PodId);
        env.Engine.CreateContainer(PodId, "c1");

        // Pod and container directory under each of the two roots.
        Assert.Equal(4, OpenDescriptorsUnder(env.Base));

        env.Store(Ctr(K.State, PodId, "c1"), Sample.Of("a", "b"));
        Assert.Equal("a", env.Fetch(Ctr(K.State, PodId, "c1")).Field1);
        Assert.Equal(4, OpenDescriptorsUnder(env.Base));

        env.Engine.Dispose();
        Assert.Equal(0, OpenDescriptorsUnder(env.Base));

        // Still usable after Dispose, keeping nothing.
        env.Store(Ctr(K.State, PodId, "c1"), Sample.Of("c", "d"));
        Assert.Equal("c", env.Fetch(Ctr(K.State, PodId, "c1")).Field1);
        Assert.Equal(0, OpenDescriptorsUnder(env.Base));
    }

    [Fact]
    public void AStoreKeepsTheDirectoriesOfAnotherEnginesPod()
    {
        using var env = new StorageTestEnvironment();
        env.Engine.CreatePod(PodId);
        using var other = new FileSystemResourceEngine(Routing, env.Options);
        int before = OpenDescriptorsUnder(env.Base);

        other.StoreCore(Pod(K.State, PodId), Sample.Of("a", "b"), SampleSerializer.Instance);
        other.StoreCore(Pod(K.State, PodId), Sample.Of("c", "d"), SampleSerializer.Instance);

        Assert.Equal(before + 1, OpenDescriptorsUnder(env.Base));
        Assert.Equal("c", other.FetchCore<Sample, SampleSerializer>(Pod(K.State, PodId), SampleSerializer.Instance).Field1);
    }

    [Fact]
    public void APodRemovedAndCreatedAgainByAnotherEngineIsWrittenAndReadInItsNewDirectory()
    {
        using var env = new StorageTestEnvironment();
        env.Engine.CreatePod(PodId);
        env.Engine.CreateContainer(PodId, "c1");
        env.Store(Pod(K.State, PodId), Sample.Of("old", "pod"));
        env.Store(Ctr(K.State, PodId, "c1"), Sample.Of("old", "container"));

        using (var other = new FileSystemResourceEngine(Routing, env.Options))
        {
            Assert.True(other.DeletePod(PodId));
            other.CreatePod(PodId);
            other.CreateContainer(PodId, "c1");
            other.StoreCore(Ctr(K.State, PodId, "c1"), Sample.Of("new", "container"), SampleSerializer.Instance);
        }

        // The kept descriptors point at removed directories: a fetch finds the new file, not "missing".
        Assert.Equal("new", env.Fetch(Ctr(K.State, PodId, "c1")).Field1);
        Assert.False(env.TryFetch(Pod(K.State, PodId), out _));

        // A store lands in the new directory, where everyone else looks.
        env.Store(Pod(K.State, PodId), Sample.Of("after", "recreate"));
        Assert.Equal("{\"Field1\":\"after\",\"Field2\":\"recreate\"}", File.ReadAllText(Path.Combine(env.RunRoot, PodId, "state.json")));
        FileAssert.NoTemporaryFiles(Path.Combine(env.RunRoot, PodId));

        // The descriptors of the removed directories used above are gone (the others go when next used).
        string[] removed = [Path.Combine(env.RunRoot, PodId) + " (deleted)", Path.Combine(env.RunRoot, PodId, "c1") + " (deleted)"];
        Assert.DoesNotContain(
            Directory.GetFileSystemEntries("/proc/self/fd").Select(fd => new FileInfo(fd).LinkTarget),
            target => removed.Contains(target));
    }

    [Fact]
    public void AContainerIsCreatedInThePodDirectoryThatExistsNowNotInAKeptRemovedOne()
    {
        using var env = new StorageTestEnvironment();
        env.Engine.CreatePod(PodId);
        using (var other = new FileSystemResourceEngine(Routing, env.Options))
        {
            Assert.True(other.DeletePod(PodId));
            other.CreatePod(PodId);
        }

        env.Engine.CreateContainer(PodId, "c1");

        Assert.True(Directory.Exists(Path.Combine(env.RunRoot, PodId, "c1")));
        Assert.True(Directory.Exists(Path.Combine(env.ConfigRoot, PodId, "c1")));
        env.Store(Ctr(K.Devices, PodId, "c1"), Sample.Of("a", "b"));
        Assert.Equal("{\"Field1\":\"a\",\"Field2\":\"b\"}", File.ReadAllText(Path.Combine(env.RunRoot, PodId, "c1", "devices.json")));

        Directory.Delete(Path.Combine(env.RunRoot, PodId), recursive: true);
        Directory.Delete(Path.Combine(env.ConfigRoot, PodId), recursive: true);
        var ex = Assert.Throws<ResourceNotFoundException>(() => env.Engine.CreateContainer(PodId, "c2"));
        Assert.StartsWith("Pod directory does not exist (cannot create container; create the pod first)", ex.Message, StringComparison.Ordinal);
        Assert.Equal("c2", ex.ContainerId);
        Assert.False(Directory.Exists(Path.Combine(env.ConfigRoot, PodId)));
        Assert.False(Directory.Exists(Path.Combine(env.RunRoot, PodId)));
    }

    [Fact]
    public void APodRemovedBehindTheEnginesBackIsReportedMissing()
    {
        using var env = new StorageTestEnvironment();
        env.Engine.CreatePod(PodId);
        env.Store(Pod(K.Config, PodId), Sample.Of("a", "b"));

        Directory.Delete(Path.Combine(env.ConfigRoot, PodId), recursive: true);

        var ex = Assert.Throws<ResourceNotFoundException>(() => env.Store(Pod(K.Config, PodId), Sample.Of("lost", "x")));
        Assert.StartsWith("Pod directory does not exist (cannot store; create the pod first)", ex.Message, StringComparison.Ordinal);
        Assert.Equal(Path.Combine(env.ConfigRoot, PodId), ex.Path);
        Assert.False(env.TryFetch(Pod(K.Config, PodId), out _));
        Assert.False(Directory.Exists(Path.Combine(env.ConfigRoot, PodId)));
    }

    [Fact]
    public void AStoreThatLosesItsTemporaryFileToADeleteIsReportedAsNotFound()
    {
        using var env = new StorageTestEnvironment();
        env.Engine.CreatePod(PodId);
        env.Engine.CreateContainer(PodId, "c1");
        env.Store(Ctr(K.State, PodId, "c1"), Sample.Of("previous", "x"));
        string directory = Path.Combine(env.RunRoot, PodId, "c1");

        // What a delete of the container running at the same time does first: remove every file in it.
        env.Engine.StoreFaultInjector = step =>
        {
            if (step == StoreStep.Closed)
            {
                foreach (string file in Directory.GetFiles(directory, ".state.json.tmp-*"))
                {
                    File.Delete(file);
                }
            }
        };

        var ex = Assert.Throws<ResourceNotFoundException>(() => env.Store(Ctr(K.State, PodId, "c1"), Sample.Of("lost", "x")));

        Assert.Equal("Temporary file was removed while storing (container being deleted at the same time)", ex.Message.Split(" (pod ")[0]);
        Assert.Equal(directory, ex.Path);
        Assert.Equal("c1", ex.ContainerId);
        Assert.Equal("{\"Field1\":\"previous\",\"Field2\":\"x\"}", File.ReadAllText(Path.Combine(directory, "state.json")));
    }

    [Fact]
    public void AStoreWhoseDirectoryIsRemovedMidwayIsReportedAsNotFound()
    {
        using var env = new StorageTestEnvironment();
        env.Engine.CreatePod(PodId);
        string directory = Path.Combine(env.RunRoot, PodId);
        env.Engine.StoreFaultInjector = step =>
        {
            if (step == StoreStep.Closed)
            {
                Directory.Delete(directory, recursive: true);
            }
        };

        var ex = Assert.Throws<ResourceNotFoundException>(() => env.Store(Pod(K.State, PodId), Sample.Of("lost", "x")));

        Assert.Equal("Pod directory was removed while storing (deleted at the same time)", ex.Message.Split(" (pod ")[0]);
        Assert.Equal(directory, ex.Path);
        Assert.False(Directory.Exists(directory));
    }

    [Fact]
    public void AFetchOfAMissingFileKeepsTheDirectory()
    {
        using var env = new StorageTestEnvironment();
        env.Engine.CreatePod(PodId);
        int kept = OpenDescriptorsUnder(env.Base);

        Assert.False(env.TryFetch(Pod(K.Network, PodId), out _));

        Assert.Equal(kept, OpenDescriptorsUnder(env.Base));
    }

    [Fact]
    public void DeletingThroughTheEngineClosesWhatItKept()
    {
        using var env = new StorageTestEnvironment();
        env.Engine.CreatePod(PodId);
        env.Engine.CreateContainer(PodId, "c1");
        env.Engine.CreateContainer(PodId, "c2");
        Assert.Equal(6, OpenDescriptorsUnder(env.Base));

        Assert.True(env.Engine.DeleteContainer(PodId, "c1"));
        Assert.Equal(4, OpenDescriptorsUnder(env.Base));

        Assert.True(env.Engine.DeletePod(PodId));
        Assert.Equal(0, OpenDescriptorsUnder(env.Base));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void NoMoreDirectoriesAreKeptThanAllowed(int allowed)
    {
        using var env = new StorageTestEnvironment(options => options.MaxOpenDirectories = allowed);
        for (int pod = 0; pod < 4; pod++)
        {
            string podId = "pod" + pod;
            env.Engine.CreatePod(podId);
            env.Engine.CreateContainer(podId, "c1");
            env.Store(Ctr(K.State, podId, "c1"), Sample.Of(podId, "x"));
            Assert.Equal(podId, env.Fetch(Ctr(K.State, podId, "c1")).Field1);
        }

        Assert.Equal(allowed, OpenDescriptorsUnder(env.Base));
    }

    [Fact]
    public void ANegativeBoundIsRefused()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new FileSystemResourceEngine(Routing, new FileSystemStoreOptions { MaxOpenDirectories = -1 }));
        Assert.StartsWith("MaxOpenDirectories must not be negative.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StoresRacingDeletesNeitherFailOddlyNorLeakDescriptors()
    {
        using var env = new StorageTestEnvironment();
        env.Engine.CreatePod(PodId);
        using var other = new FileSystemResourceEngine(Routing, env.Options);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        var failures = new System.Collections.Concurrent.ConcurrentBag<Exception>();
        int stored = 0;

        Task[] writers = Enumerable.Range(0, 3).Select(i => Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    env.Store(Pod(K.State, PodId), Sample.Of("writer", i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                    Interlocked.Increment(ref stored);
                }
                catch (ResourceNotFoundException)
                {
                    // The pod is between delete and create, or was removed in the middle of the store (no pod lock here).
                }
                catch (Exception ex)
                {
                    failures.Add(ex);
                }
            }
        })).ToArray();

        // Another engine removes and recreates the pod under the writers; now and then the writers' own engine
        // does, which drops the descriptors they are using.
        Task churn = Task.Run(() =>
        {
            for (int round = 0; !stop.IsCancellationRequested; round++)
            {
                FileSystemResourceEngine deleter = round % 4 == 0 ? env.Engine : other;
                try
                {
                    deleter.DeletePod(PodId);
                }
                catch (ResourceIOException ex) when (ex.ErrorNumber == Aot.Storage.Native.Errno.ENOTEMPTY)
                {
                    // Writers kept creating files faster than the bounded retries removed them (no pod lock here).
                }

                deleter.CreatePod(PodId);
            }
        });

        await Task.WhenAll([.. writers, churn]);

        Assert.Empty(failures);
        Assert.True(stored > 0);
        env.Engine.Dispose();
        other.Dispose();
        Assert.Equal(0, OpenDescriptorsUnder(env.Base));
        env.Store(Pod(K.State, PodId), Sample.Of("last", "x"));
        Assert.Equal("{\"Field1\":\"last\",\"Field2\":\"x\"}", File.ReadAllText(Path.Combine(env.RunRoot, PodId, "state.json")));
    }

    [Fact]
    public void TheTypedStoreDisposesOnlyAnEngineItCreated()
    {
        using var env = new StorageTestEnvironment();
        var sharedStore = new VirtContainersStore(env.Engine);
        sharedStore.CreatePod(PodId);
        int kept = OpenDescriptorsUnder(env.Base);
        Assert.True(kept > 0);

        sharedStore.Dispose();
        Assert.Equal(kept, OpenDescriptorsUnder(env.Base));

        env.Engine.Dispose();
        using (var ownStore = new VirtContainersStore(env.Options))
        {
            ownStore.CreatePod("pod2");
            Assert.True(OpenDescriptorsUnder(env.Base) > 0);
        }

        Assert.Equal(0, OpenDescriptorsUnder(env.Base));
    }

    /// <summary>Entries of <paramref name="directory"/> that are temporary files of a store.</summary>
    private static string[] TemporaryFiles(string directory) =>
        [.. Directory.GetFiles(directory, ".*.tmp-*").Select(Path.GetFileName).OfType<string>()];

    [Theory]
    [InlineData(false)]
    [InlineData(true)] // as on a file system without RENAME_NOREPLACE: every store looks first
    public void AFirstStoreOfANameReplacesAFileAnotherEngineWroteThere(bool noReplaceUnavailable)
    {
        using var env = new StorageTestEnvironment();
        env.Engine.CreatePod(PodId);
        using var other = new FileSystemResourceEngine(Routing, env.Options);
        other.StoreCore(Pod(K.State, PodId), Sample.Of("other", "engine"), SampleSerializer.Instance);
        FileSystemResourceEngine.s_renameNoReplaceUnavailable = noReplaceUnavailable;
        try
        {
            // This engine keeps the pod directory but has not seen state.json in it: it claims the name, finds it
            // taken, looks at it (a regular file) and replaces it.
            env.Store(Pod(K.State, PodId), Sample.Of("this", "engine"));
            env.Store(Pod(K.State, PodId), Sample.Of("again", "engine"));
        }
        finally
        {
            FileSystemResourceEngine.s_renameNoReplaceUnavailable = false;
        }

        string directory = Path.Combine(env.RunRoot, PodId);
        FileAssert.Bytes("{\"Field1\":\"again\",\"Field2\":\"engine\"}", Path.Combine(directory, "state.json"));
        Assert.Empty(TemporaryFiles(directory));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AFirstStoreOfANameRefusesALinkPlantedThereAndLeavesNoTemporaryFile(bool noReplaceUnavailable)
    {
        using var env = new StorageTestEnvironment();
        env.Engine.CreatePod(PodId);
        string directory = Path.Combine(env.RunRoot, PodId);
        string outside = Path.Combine(env.Base, "outside.json");
        File.WriteAllText(outside, "outside");
        File.CreateSymbolicLink(Path.Combine(directory, "state.json"), outside);
        FileSystemResourceEngine.s_renameNoReplaceUnavailable = noReplaceUnavailable;
        ResourceIOException ex;
        try
        {
            ex = Assert.Throws<ResourceIOException>(() => env.Store(Pod(K.State, PodId), Sample.Of("a", "b")));
        }
        finally
        {
            FileSystemResourceEngine.s_renameNoReplaceUnavailable = false;
        }

        Assert.Equal(Native.Errno.ELOOP, ex.ErrorNumber);
        Assert.Equal(outside, new FileInfo(Path.Combine(directory, "state.json")).LinkTarget);
        Assert.Equal("outside", File.ReadAllText(outside));
        Assert.Empty(TemporaryFiles(directory));
    }
}
