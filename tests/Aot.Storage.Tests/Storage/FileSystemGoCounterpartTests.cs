using Aot.Storage.FileSystem;
using Aot.Storage.VirtContainers;
using static Aot.Storage.Tests.Storage.StorageTestEnvironment;
using K = Aot.Storage.VirtContainers.VirtContainersStore.Kinds;

namespace Aot.Storage.Tests.Storage;

/// <summary>The engine-level counterparts of virtcontainers' filesystem_test.go (spec §10) and pod_test.go path tests.</summary>
public sealed class FileSystemGoCounterpartTests
{
    private const string PodId = "testPodID";
    private const string ExpectedBytes = "{\"Field1\":\"value1\",\"Field2\":\"value2\"}";

    [Fact]
    public void TestFilesystemCreateAllResourcesSuccessful()
    {
        using var env = new StorageTestEnvironment();
        env.Engine.CreatePod(PodId);
        foreach (string cid in new[] { "1", "10", "100" })
        {
            env.Engine.CreateContainer(PodId, cid);
        }

        FileAssert.IsDirectoryWithMode(env.ConfigRoot);
        FileAssert.IsDirectoryWithMode(env.RunRoot);
        FileAssert.IsDirectoryWithMode(Path.Combine(env.ConfigRoot, PodId));
        FileAssert.IsDirectoryWithMode(Path.Combine(env.RunRoot, PodId));
        foreach (string cid in new[] { "1", "10", "100" })
        {
            FileAssert.IsDirectoryWithMode(Path.Combine(env.ConfigRoot, PodId, cid));
            FileAssert.IsDirectoryWithMode(Path.Combine(env.RunRoot, PodId, cid));
        }

        string lockPath = Path.Combine(env.RunRoot, PodId, "lock");
        FileAssert.IsFileWithMode(lockPath);
        Assert.Equal(0, new FileInfo(lockPath).Length);
        Assert.Equal(["1", "10", "100"], env.Engine.ListContainers(PodId));
        Assert.Equal([PodId], env.Engine.ListPods());
    }

    [Fact]
    public void TestFilesystemCreateAllResourcesFailingPodIDEmpty()
    {
        using var env = new StorageTestEnvironment();
        var ex = Assert.Throws<InvalidResourceIdException>(() => env.Engine.CreatePod(string.Empty));
        Assert.Equal("Pod ID cannot be empty", ex.Reason);
        Assert.False(Directory.Exists(env.ConfigRoot));
        Assert.False(Directory.Exists(env.RunRoot));
    }

    [Fact]
    public void TestFilesystemCreateAllResourcesFailingContainerIDEmpty()
    {
        using var env = new StorageTestEnvironment();
        env.Engine.CreatePod(PodId);
        string before = env.Snapshot();
        var ex = Assert.Throws<InvalidResourceIdException>(() => env.Engine.CreateContainer(PodId, string.Empty));
        Assert.Equal("Container ID cannot be empty", ex.Reason);
        Assert.Equal(PodId, ex.PodId);
        Assert.Equal(before, env.Snapshot());
    }

    [Fact]
    public void TestFilesystemStoreFileSuccessfulNotExisting()
    {
        using var env = new StorageTestEnvironment();
        env.Engine.CreatePod(PodId);
        env.Store(Pod(K.Config, PodId), Sample.Of("value1", "value2"));

        string path = Path.Combine(env.ConfigRoot, PodId, "config.json");
        Assert.Equal(ExpectedBytes, File.ReadAllText(path));
        FileAssert.IsFileWithMode(path);
        FileAssert.NoTemporaryFiles(Path.Combine(env.ConfigRoot, PodId));
    }

    [Fact]
    public void TestFilesystemStoreFileSuccessfulExisting()
    {
        using var env = new StorageTestEnvironment();
        env.Engine.CreatePod(PodId);
        string path = Path.Combine(env.ConfigRoot, PodId, "config.json");
        File.WriteAllText(path, "{\"Field1\":\"a much longer previous value that must not survive as a tail\",\"Field2\":\"x\"}\n");

        env.Store(Pod(K.Config, PodId), Sample.Of("value1", "value2"));

        Assert.Equal(ExpectedBytes, File.ReadAllText(path));
        FileAssert.IsFileWithMode(path);
    }

    [Fact]
    public void TestFilesystemStoreFileSuccessfulThroughJsonCodec()
    {
        using var env = new StorageTestEnvironment();
        env.Engine.CreatePod(PodId);
        env.Engine.Store(Pod(K.Config, PodId), Sample.Of("value1", "value2"), SampleCodec.Instance);
        Assert.Equal(ExpectedBytes, File.ReadAllText(Path.Combine(env.ConfigRoot, PodId, "config.json")));
    }

    [Fact]
    public void TestFilesystemStoreFileFailingMarshalling()
    {
        using var env = new StorageTestEnvironment();
        env.Engine.CreatePod(PodId);
        env.Store(Pod(K.Config, PodId), Sample.Of("value1", "value2"));

        Assert.Throws<NotSupportedException>(() => env.Engine.StoreCore(Pod(K.Config, PodId), Sample.Of("x", "y"), new FailingSerializer()));

        // Go truncated the file before marshalling (W2); the previous content stays.
        Assert.Equal(ExpectedBytes, File.ReadAllText(Path.Combine(env.ConfigRoot, PodId, "config.json")));
        FileAssert.NoTemporaryFiles(Path.Combine(env.ConfigRoot, PodId));
    }

    [Fact]
    public void TestFilesystemFetchFileSuccessful()
    {
        using var env = new StorageTestEnvironment();
        env.Engine.CreatePod(PodId);
        File.WriteAllText(Path.Combine(env.RunRoot, PodId, "state.json"), ExpectedBytes);

        Sample value = env.Fetch(Pod(K.State, PodId));

        Assert.Equal("value1", value.Field1);
        Assert.Equal("value2", value.Field2);
    }

    [Fact]
    public void TestFilesystemFetchFileFailingNoFile()
    {
        using var env = new StorageTestEnvironment();
        env.Engine.CreatePod(PodId);

        var ex = Assert.Throws<ResourceNotFoundException>(() => env.Fetch(Pod(K.State, PodId)));
        Assert.Equal(Path.Combine(env.RunRoot, PodId, "state.json"), ex.Path);
        Assert.Equal("state", ex.Resource);
        Assert.False(env.TryFetch(Pod(K.State, PodId), out Sample? value));
        Assert.Null(value);

        // No pod at all: also "not found", and nothing is created.
        Assert.Throws<ResourceNotFoundException>(() => env.Fetch(Pod(K.State, "otherPod")));
        Assert.False(Directory.Exists(Path.Combine(env.RunRoot, "otherPod")));
    }

    [Fact]
    public void TestFilesystemFetchFileFailingUnMarshalling()
    {
        using var env = new StorageTestEnvironment();
        env.Engine.CreatePod(PodId);
        string path = Path.Combine(env.RunRoot, PodId, "state.json");
        File.WriteAllBytes(path, []);

        var ex = Assert.Throws<CorruptResourceException>(() => env.Fetch(Pod(K.State, PodId)));
        Assert.Equal(0, ex.ByteOffset);
        Assert.Equal(PodId, ex.PodId);
        Assert.Equal("state", ex.Resource);
        Assert.Equal(path, ex.Path);
        Assert.Contains("unexpected end of JSON input", ex.Message, StringComparison.Ordinal);
        FileAssert.SingleLine(ex);

        // TryFetch does not turn corruption into "absent" (W15).
        Assert.Throws<CorruptResourceException>(() => env.TryFetch(Pod(K.State, PodId), out _));
    }

    [Fact]
    public void TestFilesystemFetchFileFailingUnMarshalling_OffsetOfTheFault()
    {
        using var env = new StorageTestEnvironment();
        env.Engine.CreatePod(PodId);
        File.WriteAllText(Path.Combine(env.RunRoot, PodId, "state.json"), "{\"Field1\":\"v\"}  x");

        var ex = Assert.Throws<CorruptResourceException>(() => env.Fetch(Pod(K.State, PodId)));
        Assert.Equal(16, ex.ByteOffset);
    }

    [Fact]
    public void TestFilesystemFetchContainerConfigSuccessful()
    {
        using var env = new StorageTestEnvironment();
        env.Engine.CreatePod(PodId);
        env.Engine.CreateContainer(PodId, "100");
        File.WriteAllText(Path.Combine(env.ConfigRoot, PodId, "100", "config.json"), "{\"Field1\":\"100\",\"RootFs\":\"rootfs\"}");

        Sample value = env.Fetch(Ctr(K.Config, PodId, "100"));

        Assert.Equal("100", value.Field1);
        Assert.Null(value.Field2);
    }

    [Fact]
    public void TestFilesystemFetchContainerConfigFailingContIDEmpty()
    {
        using var env = new StorageTestEnvironment();
        var ex = Assert.Throws<InvalidResourceIdException>(() => env.Fetch(Ctr(K.Config, PodId, string.Empty)));
        Assert.Equal("Container ID cannot be empty", ex.Reason);
    }

    [Fact]
    public void TestFilesystemFetchContainerConfigFailingPodIDEmpty()
    {
        using var env = new StorageTestEnvironment();
        var ex = Assert.Throws<InvalidResourceIdException>(() => env.Fetch(Ctr(K.Config, string.Empty, "100")));
        Assert.Equal("Pod ID cannot be empty", ex.Reason);
    }

    [Fact]
    public void TestFilesystemFetchContainerMountsSuccessful()
    {
        using var env = new StorageTestEnvironment();
        env.Engine.CreatePod(PodId);
        env.Engine.CreateContainer(PodId, "100");
        File.WriteAllText(
            Path.Combine(env.RunRoot, PodId, "100", "mounts.json"),
            "{\n\t\"Field1\": \"/dev/sda1\",\n\t\"Extra\": {\"ReadOnly\": false}\n}\n");

        Sample value = env.Fetch(Ctr(K.Mounts, PodId, "100"));

        Assert.Equal("/dev/sda1", value.Field1);
        Assert.Null(value.Field2);
    }

    [Fact]
    public void TestFilesystemFetchContainerMountsInvalidType()
    {
        using var env = new StorageTestEnvironment();
        env.Engine.CreatePod(PodId);
        env.Engine.CreateContainer(PodId, "100");
        File.WriteAllText(Path.Combine(env.RunRoot, PodId, "100", "mounts.json"), "  [\"not\", \"an object\"]");

        var ex = Assert.Throws<CorruptResourceException>(() => env.Fetch(Ctr(K.Mounts, PodId, "100")));
        Assert.Equal(2, ex.ByteOffset);
        Assert.Equal("100", ex.ContainerId);
        Assert.Equal("mounts", ex.Resource);
    }

    [Fact]
    public void TestFilesystemFetchContainerMountsFailingContIDEmpty()
    {
        using var env = new StorageTestEnvironment();
        Assert.Throws<InvalidResourceIdException>(() => env.Fetch(Ctr(K.Mounts, PodId, string.Empty)));
    }

    [Fact]
    public void TestFilesystemFetchContainerMountsFailingPodIDEmpty()
    {
        using var env = new StorageTestEnvironment();
        Assert.Throws<InvalidResourceIdException>(() => env.Fetch(Ctr(K.Mounts, string.Empty, "100")));
    }

    [Fact]
    public void TestFilesystemResourceDirFailingPodIDEmpty()
    {
        using var env = new StorageTestEnvironment();
        foreach (ResourceKind kind in VirtContainersStore.RoutingTable.Kinds)
        {
            Assert.Throws<InvalidResourceIdException>(() => env.Engine.GetPath(new ResourceAddress(kind, string.Empty, null)));
            Assert.Throws<InvalidResourceIdException>(() => env.Engine.GetPath(new ResourceAddress(kind, string.Empty, "100")));
        }

        Assert.Throws<InvalidResourceIdException>(() => env.Engine.GetPodPath(StorageRoot.Config, string.Empty));
    }

    [Fact]
    public void TestFilesystemResourceDirFailingInvalidResource()
    {
        using var env = new StorageTestEnvironment();
        var foreign = new ResourceKind("config", "config.json", StorageRoot.Config, ResourceScope.PodAndContainer, true, true, false);
        var ex = Assert.Throws<InvalidResourceIdException>(() => env.Engine.GetPath(Pod(foreign, PodId)));
        Assert.StartsWith("Invalid pod resource", ex.Reason, StringComparison.Ordinal);
        Assert.Throws<InvalidResourceIdException>(() => env.Engine.GetPath(Ctr(foreign, PodId, "100")));
        Assert.Throws<InvalidResourceIdException>(() => env.Engine.GetPath(default));
    }

    [Fact]
    public void TestFilesystemResourceURIFailingResourceDir()
    {
        using var env = new StorageTestEnvironment();
        var foreign = new ResourceKind("x", "x.json", StorageRoot.Run, ResourceScope.Pod, true, false, false);
        env.Engine.CreatePod(PodId);
        string before = env.Snapshot();
        Assert.Throws<InvalidResourceIdException>(() => env.Store(Pod(foreign, PodId), Sample.Of("a", "b")));
        Assert.Throws<InvalidResourceIdException>(() => env.Fetch(Pod(foreign, PodId)));
        Assert.Throws<InvalidResourceIdException>(() => env.Engine.Delete(Pod(foreign, PodId)));
        Assert.Throws<InvalidResourceIdException>(() => env.Engine.Exists(Pod(foreign, PodId)));
        Assert.Equal(before, env.Snapshot());
    }

    [Fact]
    public void TestFilesystemStoreResourceFailingPodConfigResourceURI()
    {
        using var env = new StorageTestEnvironment();
        var ex = Assert.Throws<InvalidResourceIdException>(() => env.Store(Pod(K.Config, string.Empty), Sample.Of("a", "b")));
        Assert.Equal("Pod ID cannot be empty", ex.Reason);
        Assert.Throws<InvalidResourceIdException>(() => env.Store(Ctr(K.Config, string.Empty, "100"), Sample.Of("a", "b")));
        Assert.Throws<InvalidResourceIdException>(() => env.Store(Pod(K.State, string.Empty), Sample.Of("a", "b")));
        Assert.False(Directory.Exists(env.ConfigRoot));
        Assert.False(Directory.Exists(env.RunRoot));
    }

    [Fact]
    public void TestFilesystemFetchResourceFailingWrongResourceType()
    {
        using var env = new StorageTestEnvironment();
        env.Engine.CreatePod(PodId);
        string before = env.Snapshot();

        var ex = Assert.Throws<InvalidResourceIdException>(() => env.Fetch(Pod(K.Lock, PodId)));
        Assert.Contains("not a data resource", ex.Reason, StringComparison.Ordinal);
        Assert.Throws<InvalidResourceIdException>(() => env.TryFetch(Pod(K.Lock, PodId), out _));
        Assert.Throws<InvalidResourceIdException>(() => env.Store(Pod(K.Lock, PodId), Sample.Of("a", "b")));
        Assert.Throws<InvalidResourceIdException>(() => env.Engine.Delete(Pod(K.Lock, PodId)));
        Assert.Throws<InvalidResourceIdException>(
            () => env.Engine.UpdateCore<Sample, SampleSerializer>(Pod(K.Lock, PodId), SampleSerializer.Instance, s => s!, TimeSpan.FromSeconds(1), default));
        Assert.Equal(before, env.Snapshot());

        // Its path and existence may still be asked.
        Assert.True(env.Engine.Exists(Pod(K.Lock, PodId)));
        Assert.Equal(Path.Combine(env.RunRoot, PodId, "lock"), env.Engine.GetPath(Pod(K.Lock, PodId)));
    }

    [Fact]
    public void TestPodDirAndFile()
    {
        using var env = new StorageTestEnvironment();
        FileSystemResourceEngine e = env.Engine;
        Assert.Equal(Path.Combine(env.ConfigRoot, PodId), e.GetPodPath(StorageRoot.Config, PodId));
        Assert.Equal(Path.Combine(env.RunRoot, PodId), e.GetPodPath(StorageRoot.Run, PodId));
        Assert.Equal(Path.Combine(env.ConfigRoot, PodId, "config.json"), e.GetPath(Pod(K.Config, PodId)));
        Assert.Equal(Path.Combine(env.RunRoot, PodId, "state.json"), e.GetPath(Pod(K.State, PodId)));
        Assert.Equal(Path.Combine(env.RunRoot, PodId, "lock"), e.GetLockPath(PodId));
        Assert.Equal(Path.Combine(env.ConfigRoot, PodId, "c1", "config.json"), e.GetPath(Ctr(K.Config, PodId, "c1")));
        Assert.Equal(Path.Combine(env.RunRoot, PodId, "c1", "devices.json"), e.GetPath(Ctr(K.Devices, PodId, "c1")));
        Assert.Equal(Path.Combine(env.RunRoot, PodId, "c1"), e.GetContainerPath(StorageRoot.Run, PodId, "c1"));
        foreach (ResourceKind kind in new[] { K.Network, K.Hypervisor, K.Agent })
        {
            Assert.Equal(Path.Combine(env.RunRoot, PodId, kind.FileName), e.GetPath(Pod(kind, PodId)));
        }

        foreach (ResourceKind kind in new[] { K.Process, K.Mounts, K.Devices, K.State })
        {
            Assert.Equal(Path.Combine(env.RunRoot, PodId, "c1", kind.FileName), e.GetPath(Ctr(kind, PodId, "c1")));
        }
    }

    [Fact]
    public void TestPodDeleteContainerState()
    {
        using var env = new StorageTestEnvironment();
        env.Engine.CreatePod(PodId);
        env.Engine.CreateContainer(PodId, "c1");
        env.Store(Ctr(K.State, PodId, "c1"), Sample.Of("ready", string.Empty));
        env.Store(Ctr(K.Process, PodId, "c1"), Sample.Of("1234", string.Empty));

        Assert.True(env.Engine.Delete(Ctr(K.State, PodId, "c1")));

        Assert.False(File.Exists(Path.Combine(env.RunRoot, PodId, "c1", "state.json")));
        Assert.True(File.Exists(Path.Combine(env.RunRoot, PodId, "c1", "process.json")));
        Assert.False(env.Engine.Delete(Ctr(K.State, PodId, "c1")));
        Assert.Throws<InvalidResourceIdException>(() => env.Engine.Delete(Ctr(K.State, string.Empty, "c1")));
    }

    [Fact]
    public void StoreAndFetchEveryKindAtEveryAllowedLevel()
    {
        using var env = new StorageTestEnvironment();
        env.Engine.CreatePod(PodId);
        env.Engine.CreateContainer(PodId, "c1");
        foreach (ResourceKind kind in VirtContainersStore.RoutingTable.Kinds.Where(k => !k.IsLock))
        {
            var addresses = new List<ResourceAddress>();
            if (kind.AllowsPod)
            {
                addresses.Add(Pod(kind, PodId));
            }

            if (kind.AllowsContainer)
            {
                addresses.Add(Ctr(kind, PodId, "c1"));
            }

            foreach (ResourceAddress address in addresses)
            {
                Assert.False(env.Engine.Exists(address));
                env.Store(address, Sample.Of(kind.Name, address.ContainerId ?? "pod"));
                Assert.True(env.Engine.Exists(address));
                string expectedRoot = kind.Root == StorageRoot.Config ? env.ConfigRoot : env.RunRoot;
                string expectedPath = address.ContainerId is null
                    ? Path.Combine(expectedRoot, PodId, kind.FileName)
                    : Path.Combine(expectedRoot, PodId, "c1", kind.FileName);
                Assert.Equal(expectedPath, env.Engine.GetPath(address));
                Assert.Equal($"{{\"Field1\":\"{kind.Name}\",\"Field2\":\"{address.ContainerId ?? "pod"}\"}}", File.ReadAllText(expectedPath));
                Assert.Equal(kind.Name, env.Fetch(address).Field1);
            }
        }
    }

    [Fact]
    public void StoreIntoMissingPodOrContainerIsNotFoundAndCreatesNothing()
    {
        using var env = new StorageTestEnvironment();
        Assert.Throws<ResourceNotFoundException>(() => env.Store(Pod(K.State, PodId), Sample.Of("a", "b")));
        env.Engine.CreatePod(PodId);
        string before = env.Snapshot();
        var ex = Assert.Throws<ResourceNotFoundException>(() => env.Store(Ctr(K.State, PodId, "c9"), Sample.Of("a", "b")));
        Assert.Equal("c9", ex.ContainerId);
        Assert.Throws<ResourceNotFoundException>(() => env.Engine.CreateContainer("nopod", "c1"));
        Assert.Equal(before, env.Snapshot());
    }

    [Fact]
    public void CreatePodIsIdempotentAndKeepsTheLockFile()
    {
        using var env = new StorageTestEnvironment();
        env.Engine.CreatePod(PodId);
        string lockPath = Path.Combine(env.RunRoot, PodId, "lock");
        File.WriteAllText(lockPath, "not truncated");
        env.Store(Pod(K.State, PodId), Sample.Of("ready", string.Empty));

        env.Engine.CreatePod(PodId);

        Assert.Equal("not truncated", File.ReadAllText(lockPath));
        Assert.Equal("ready", env.Fetch(Pod(K.State, PodId)).Field1);
    }

    [Fact]
    public void ListPodsIsTheSortedUnionOfBothRootsAndSkipsForeignEntries()
    {
        using var env = new StorageTestEnvironment();
        env.Engine.CreatePod("b");
        env.Engine.CreatePod("B");
        env.Engine.CreatePod("a1");
        Directory.CreateDirectory(Path.Combine(env.ConfigRoot, "only-config"));
        Directory.CreateDirectory(Path.Combine(env.RunRoot, "only-run"));
        Directory.CreateDirectory(Path.Combine(env.RunRoot, ".hidden"));
        Directory.CreateDirectory(Path.Combine(env.RunRoot, "bad name"));
        File.WriteAllText(Path.Combine(env.RunRoot, "plainfile"), string.Empty);
        File.CreateSymbolicLink(Path.Combine(env.RunRoot, "linked"), env.Outside);

        Assert.Equal(["B", "a1", "b", "only-config", "only-run"], env.Engine.ListPods());
    }

    [Fact]
    public void ListPodsWithoutRootsIsEmpty()
    {
        using var env = new StorageTestEnvironment();
        Assert.Empty(env.Engine.ListPods());
        Assert.False(Directory.Exists(env.ConfigRoot));
    }

    [Fact]
    public void ListContainersSkipsReservedAndInvalidNamesAndFiles()
    {
        using var env = new StorageTestEnvironment();
        env.Engine.CreatePod(PodId);
        env.Engine.CreateContainer(PodId, "c2");
        env.Engine.CreateContainer(PodId, "c1");
        Directory.CreateDirectory(Path.Combine(env.ConfigRoot, PodId, "c3"));
        Directory.CreateDirectory(Path.Combine(env.RunRoot, PodId, "network.json"));
        Directory.CreateDirectory(Path.Combine(env.RunRoot, PodId, ".tmp"));
        env.Store(Pod(K.State, PodId), Sample.Of("ready", string.Empty));
        File.CreateSymbolicLink(Path.Combine(env.RunRoot, PodId, "c4"), env.Outside);

        Assert.Equal(["c1", "c2", "c3"], env.Engine.ListContainers(PodId));
        Assert.Throws<ResourceNotFoundException>(() => env.Engine.ListContainers("nopod"));
    }

    [Fact]
    public void DeletePodRemovesBothTreesAndTheLock()
    {
        using var env = new StorageTestEnvironment();
        env.Engine.CreatePod(PodId);
        env.Engine.CreatePod("other");
        env.Engine.CreateContainer(PodId, "c1");
        env.Store(Pod(K.Config, PodId), Sample.Of("a", "b"));
        env.Store(Ctr(K.Devices, PodId, "c1"), Sample.Of("a", "b"));
        File.WriteAllText(Path.Combine(env.RunRoot, PodId, "proxy.sock"), string.Empty);

        Assert.True(env.Engine.DeletePod(PodId));

        Assert.False(Directory.Exists(Path.Combine(env.ConfigRoot, PodId)));
        Assert.False(Directory.Exists(Path.Combine(env.RunRoot, PodId)));
        Assert.True(Directory.Exists(Path.Combine(env.RunRoot, "other")));
        Assert.True(File.Exists(Path.Combine(env.RunRoot, "other", "lock")));
        Assert.Equal(["other"], env.Engine.ListPods());
        Assert.False(env.Engine.DeletePod(PodId));
        Assert.Throws<ResourceNotFoundException>(() => env.Engine.TryLock(PodId, PodLockMode.Exclusive));
    }

    [Fact]
    public void DeleteContainerRemovesBothContainerDirectoriesOnly()
    {
        using var env = new StorageTestEnvironment();
        env.Engine.CreatePod(PodId);
        env.Engine.CreateContainer(PodId, "c1");
        env.Engine.CreateContainer(PodId, "c2");
        env.Store(Ctr(K.Config, PodId, "c1"), Sample.Of("a", "b"));
        env.Store(Ctr(K.State, PodId, "c1"), Sample.Of("a", "b"));
        Directory.CreateDirectory(Path.Combine(env.RunRoot, PodId, "c1", "nested", "deeper"));
        File.WriteAllText(Path.Combine(env.RunRoot, PodId, "c1", "nested", "deeper", "f"), "x");
        env.Store(Pod(K.State, PodId), Sample.Of("a", "b"));

        Assert.True(env.Engine.DeleteContainer(PodId, "c1"));

        Assert.False(Directory.Exists(Path.Combine(env.ConfigRoot, PodId, "c1")));
        Assert.False(Directory.Exists(Path.Combine(env.RunRoot, PodId, "c1")));
        Assert.True(Directory.Exists(Path.Combine(env.RunRoot, PodId, "c2")));
        Assert.True(File.Exists(Path.Combine(env.RunRoot, PodId, "state.json")));
        Assert.True(File.Exists(Path.Combine(env.RunRoot, PodId, "lock")));
        Assert.False(env.Engine.DeleteContainer(PodId, "c1"));
    }
}
