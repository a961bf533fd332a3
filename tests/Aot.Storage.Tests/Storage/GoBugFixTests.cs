using System.Text;
using Aot.Storage.FileSystem;
using Aot.Storage.Native;
using static Aot.Storage.Tests.Storage.StorageTestEnvironment;
using K = Aot.Storage.VirtContainers.VirtContainersStore.Kinds;

namespace Aot.Storage.Tests.Storage;

/// <summary>One test (at least) per weakness of filesystem.go (spec §9) that the engine fixes.</summary>
public sealed class GoBugFixTests
{
    private const string PodId = "pod1";

    [Fact]
    public void W1_ReadersNeverSeeAPartialFile()
    {
        using var env = new StorageTestEnvironment();
        env.Engine.CreatePod(PodId);
        ResourceAddress address = Pod(K.State, PodId);
        string small = "s";
        string large = new('L', 200_000);
        env.Store(address, Sample.Of(small, small));

        using var stop = new CancellationTokenSource();
        int reads = 0;
        Exception? failure = null;
        var reader = new Thread(() =>
        {
            try
            {
                while (!stop.IsCancellationRequested)
                {
                    Sample s = env.Fetch(address);
                    Assert.True(s.Field1 == small || s.Field1 == large);
                    Assert.Equal(s.Field1, s.Field2);
                    reads++;
                }
            }
            catch (Exception ex)
            {
                failure = ex;
            }
        });
        reader.Start();
        for (int i = 0; i < 300; i++)
        {
            env.Store(address, i % 2 == 0 ? Sample.Of(large, large) : Sample.Of(small, small));
        }

        stop.Cancel();
        reader.Join();
        Assert.Null(failure);
        Assert.True(reads > 0);
        FileAssert.NoTemporaryFiles(Path.Combine(env.RunRoot, PodId));
    }

    [Fact]
    public void W2_SerializationFailureLeavesThePreviousFileIntact()
    {
        using var env = new StorageTestEnvironment();
        env.Engine.CreatePod(PodId);
        env.Engine.CreateContainer(PodId, "c1");
        foreach (ResourceAddress address in new[] { Pod(K.Config, PodId), Ctr(K.Devices, PodId, "c1"), Pod(K.Hypervisor, PodId) })
        {
            env.Store(address, Sample.Of("good", "old"));
            string path = env.Engine.GetPath(address);
            string before = File.ReadAllText(path);

            Assert.Throws<NotSupportedException>(() => env.Engine.StoreCore(address, Sample.Of("x", "y"), new FailingSerializer()));

            Assert.Equal(before, File.ReadAllText(path));
            FileAssert.NoTemporaryFiles(Path.GetDirectoryName(path)!);
        }
    }

    [Fact]
    public void W2_SerializationFailureOnANewResourceCreatesNothing()
    {
        using var env = new StorageTestEnvironment();
        env.Engine.CreatePod(PodId);
        string before = env.Snapshot();
        Assert.Throws<NotSupportedException>(() => env.Engine.StoreCore(Pod(K.Agent, PodId), Sample.Of("x", "y"), new FailingSerializer()));
        Assert.Equal(before, env.Snapshot());
    }

    [Fact]
    public void W3_NoSpaceLeftIsReportedAndThePreviousFileKept()
    {
        using var env = new StorageTestEnvironment();
        string mountPoint = Path.Combine(env.Base, "small");
        Directory.CreateDirectory(mountPoint);
        if (Run("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", mountPoint).ExitCode != 0)
        {
            // Needs root (CI and the development machines run as root); nothing to check without it.
            return;
        }

        try
        {
            // Disposed before the unmount: the engine keeps the directories it used open.
            using var engine = new FileSystemResourceEngine(Routing, new FileSystemStoreOptions
            {
                ConfigRoot = Path.Combine(mountPoint, "config"),
                RunRoot = Path.Combine(mountPoint, "run"),
                ConfigDurability = Durability.Full,
            });
            engine.CreatePod(PodId);
            ResourceAddress address = Pod(K.Config, PodId);
            engine.StoreCore(address, Sample.Of("previous", "value"), SampleSerializer.Instance);
            string path = engine.GetPath(address);
            byte[] before = File.ReadAllBytes(path);

            string huge = new('x', 200_000);
            var ex = Assert.Throws<ResourceIOException>(() => engine.StoreCore(address, Sample.Of(huge, huge), SampleSerializer.Instance));

            Assert.Equal(Errno.ENOSPC, ex.ErrorNumber);
            Assert.Equal(PodId, ex.PodId);
            Assert.Equal("config", ex.Resource);
            Assert.Contains("ENOSPC", ex.Message, StringComparison.Ordinal);
            FileAssert.SingleLine(ex);
            Assert.Equal(before, File.ReadAllBytes(path));
            FileAssert.NoTemporaryFiles(Path.GetDirectoryName(path)!);
            Assert.True(Directory.Exists(Path.Combine(mountPoint, "run", PodId)));

            // Space is there again for a small file: the next store succeeds.
            engine.StoreCore(address, Sample.Of("next", "value"), SampleSerializer.Instance);
            Assert.Equal("{\"Field1\":\"next\",\"Field2\":\"value\"}", File.ReadAllText(path));
        }
        finally
        {
            Run("umount", mountPoint);
        }
    }

    [Fact]
    public void W9_TheLockFileIsCreatedOnceAndNeverTruncatedOrReplaced()
    {
        using var env = new StorageTestEnvironment();
        env.Engine.CreatePod(PodId);
        string lockPath = env.Engine.GetLockPath(PodId);
        Assert.Equal(0, LibC.StatxNoFollow(LibC.AtFdCwd, lockPath, out StatxBuffer first));

        env.Engine.CreatePod(PodId);
        env.Engine.CreateContainer(PodId, "c1");
        env.Engine.DeleteContainer(PodId, "c1");
        env.Store(Pod(K.State, PodId), Sample.Of("a", "b"));
        env.Engine.Delete(Pod(K.State, PodId));

        Assert.Equal(0, LibC.StatxNoFollow(LibC.AtFdCwd, lockPath, out StatxBuffer after));
        Assert.True(first.SameFileAs(after));

        // Lock is the engine's job now, and it cannot be deleted as a "resource".
        using (IPodLock held = env.Engine.Lock(PodId, PodLockMode.Exclusive, TimeSpan.FromSeconds(1)))
        {
            Assert.Null(BackgroundCall<IPodLock?>.OnAnotherThread(() => env.Engine.TryLock(PodId, PodLockMode.Shared)));
        }

        Assert.Throws<InvalidResourceIdException>(() => env.Engine.Delete(Pod(K.Lock, PodId)));
    }

    [Theory]
    [InlineData("../../etc")]
    [InlineData("a/../../b")]
    [InlineData("..")]
    public void W10_TraversingIdsAreRejectedBeforeAnyPathIsBuilt(string id)
    {
        using var env = new StorageTestEnvironment();
        env.Engine.CreatePod(PodId);
        string before = env.Snapshot();
        Assert.Throws<InvalidResourceIdException>(() => env.Engine.DeletePod(id));
        Assert.Throws<InvalidResourceIdException>(() => env.Engine.DeleteContainer(PodId, id));
        Assert.Throws<InvalidResourceIdException>(() => env.Store(Pod(K.State, id), Sample.Of("a", "b")));
        Assert.Throws<InvalidResourceIdException>(() => env.Engine.GetPath(Ctr(K.State, PodId, id)));
        Assert.Equal(before, env.Snapshot());
        env.AssertOutsideUntouched();
    }

    [Fact]
    public void W11_DeleteContainerWithAnEmptyIdThrowsAndDeletesNothing()
    {
        using var env = new StorageTestEnvironment();
        env.Engine.CreatePod(PodId);
        env.Engine.CreateContainer(PodId, "c1");
        env.Store(Pod(K.Config, PodId), Sample.Of("a", "b"));
        env.Store(Ctr(K.State, PodId, "c1"), Sample.Of("a", "b"));
        string before = env.Snapshot();

        var ex = Assert.Throws<InvalidResourceIdException>(() => env.Engine.DeleteContainer(PodId, string.Empty));

        Assert.Equal("Container ID cannot be empty", ex.Reason);
        Assert.Equal(before, env.Snapshot());
    }

    [Fact]
    public void W12_DeletingOneResourceLeavesItsSiblings()
    {
        using var env = new StorageTestEnvironment();
        env.Engine.CreatePod(PodId);
        env.Engine.CreateContainer(PodId, "c1");
        foreach (ResourceKind kind in new[] { K.State, K.Network, K.Hypervisor, K.Agent, K.Config })
        {
            env.Store(Pod(kind, PodId), Sample.Of(kind.Name, "pod"));
        }

        foreach (ResourceKind kind in new[] { K.State, K.Process, K.Mounts, K.Devices, K.Config })
        {
            env.Store(Ctr(kind, PodId, "c1"), Sample.Of(kind.Name, "c1"));
        }

        Assert.True(env.Engine.Delete(Pod(K.State, PodId)));
        Assert.True(env.Engine.Delete(Ctr(K.State, PodId, "c1")));

        string[] podFiles = Directory.GetFileSystemEntries(Path.Combine(env.RunRoot, PodId)).Select(p => Path.GetFileName(p)!).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["agent.json", "c1", "hypervisor.json", "lock", "network.json"], podFiles);
        string[] ctrFiles = Directory.GetFileSystemEntries(Path.Combine(env.RunRoot, PodId, "c1")).Select(p => Path.GetFileName(p)!).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["devices.json", "mounts.json", "process.json"], ctrFiles);
        Assert.True(File.Exists(Path.Combine(env.ConfigRoot, PodId, "config.json")));
        Assert.True(File.Exists(Path.Combine(env.ConfigRoot, PodId, "c1", "config.json")));
    }

    [Fact]
    public void W14_PodOnlyKindsRefuseAContainerIdAndContainerKindsRequireOne()
    {
        using var env = new StorageTestEnvironment();
        env.Engine.CreatePod(PodId);
        env.Engine.CreateContainer(PodId, "c1");
        string before = env.Snapshot();
        foreach (ResourceKind kind in new[] { K.Network, K.Hypervisor, K.Agent, K.Lock })
        {
            var ex = Assert.Throws<InvalidResourceIdException>(() => env.Store(Ctr(kind, PodId, "c1"), Sample.Of("a", "b")));
            Assert.Equal("c1", ex.ContainerId);
            Assert.Throws<InvalidResourceIdException>(() => env.Engine.GetPath(Ctr(kind, PodId, "c1")));
            Assert.Throws<InvalidResourceIdException>(() => env.Engine.Exists(Ctr(kind, PodId, "c1")));
        }

        foreach (ResourceKind kind in new[] { K.Process, K.Mounts, K.Devices })
        {
            var ex = Assert.Throws<InvalidResourceIdException>(() => env.Store(Pod(kind, PodId), Sample.Of("a", "b")));
            Assert.Contains("container ID is required", ex.Reason, StringComparison.Ordinal);
            Assert.Throws<InvalidResourceIdException>(() => env.Fetch(Pod(kind, PodId)));
            Assert.Throws<InvalidResourceIdException>(() => env.Engine.Delete(Pod(kind, PodId)));
        }

        Assert.Equal(before, env.Snapshot());
    }

    [Fact]
    public void W15_CorruptAndMissingAreDistinct()
    {
        using var env = new StorageTestEnvironment();
        env.Engine.CreatePod(PodId);
        File.WriteAllText(env.Engine.GetPath(Pod(K.Hypervisor, PodId)), "{\"Field1\":\"trunc");
        Assert.False(env.TryFetch(Pod(K.Agent, PodId), out _));
        var ex = Assert.Throws<CorruptResourceException>(() => env.TryFetch(Pod(K.Hypervisor, PodId), out _));
        Assert.Equal("hypervisor", ex.Resource);
    }

    [Fact]
    public void W18_FilesAre0640AndDirectories0750()
    {
        using var env = new StorageTestEnvironment();
        env.Engine.CreatePod(PodId);
        env.Engine.CreateContainer(PodId, "c1");
        env.Store(Pod(K.Config, PodId), Sample.Of("secret", "env"));
        env.Store(Ctr(K.Config, PodId, "c1"), Sample.Of("secret", "env"));
        FileAssert.IsFileWithMode(Path.Combine(env.ConfigRoot, PodId, "config.json"));
        FileAssert.IsFileWithMode(Path.Combine(env.ConfigRoot, PodId, "c1", "config.json"));
        FileAssert.IsFileWithMode(Path.Combine(env.RunRoot, PodId, "lock"));
        FileAssert.IsDirectoryWithMode(Path.Combine(env.ConfigRoot, PodId, "c1"));
    }

    [Fact]
    public void ErrorsAreOneLineAndNameEverything()
    {
        using var env = new StorageTestEnvironment();
        env.Engine.CreatePod(PodId);
        env.Engine.CreateContainer(PodId, "c1");
        File.WriteAllText(env.Engine.GetPath(Ctr(K.Mounts, PodId, "c1")), "\n\n  nope");

        var ex = Assert.Throws<CorruptResourceException>(() => env.Fetch(Ctr(K.Mounts, PodId, "c1")));

        FileAssert.SingleLine(ex);
        Assert.Contains($"pod '{PodId}'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("container 'c1'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("resource 'mounts'", ex.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(env.RunRoot, PodId, "c1", "mounts.json"), ex.Message, StringComparison.Ordinal);
        Assert.Equal(4, ex.ByteOffset);

        var bad = Assert.Throws<InvalidResourceIdException>(() => env.Engine.CreatePod("evil\nline"));
        FileAssert.SingleLine(bad);
        Assert.Equal("evil\\u000aline", bad.PodId);
        Assert.Contains("U+000A at index 4", bad.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void LargeFilesRoundTrip()
    {
        using var env = new StorageTestEnvironment();
        env.Engine.CreatePod(PodId);
        string big = new StringBuilder().Insert(0, "0123456789abcdef", 100_000).ToString();
        env.Store(Pod(K.Network, PodId), Sample.Of(big, "end"));
        Sample back = env.Fetch(Pod(K.Network, PodId));
        Assert.Equal(big, back.Field1);
        Assert.Equal("end", back.Field2);
    }
}
