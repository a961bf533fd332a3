using Aot.Storage.Native;
using static Aot.Storage.Tests.Storage.StorageTestEnvironment;

namespace Aot.Storage.Tests.Storage;

/// <summary>reliability.md §4 G8: planted symbolic links are never followed; nothing outside the roots changes.</summary>
public sealed class SymlinkTests
{
    private const string PodId = "pod1";

    private static VirtContainersTestRouting K => VirtContainersTestRouting.Instance;

    /// <summary>A tree outside the roots that looks like a pod directory: the target of the planted links.</summary>
    private static string MakeVictim(StorageTestEnvironment env)
    {
        string victim = Path.Combine(env.Base, "victim");
        Directory.CreateDirectory(Path.Combine(victim, "c1"));
        File.WriteAllText(Path.Combine(victim, "state.json"), "{\"Field1\":\"victim\",\"Field2\":\"state\"}");
        File.WriteAllText(Path.Combine(victim, "config.json"), "{\"Field1\":\"victim\",\"Field2\":\"config\"}");
        File.WriteAllText(Path.Combine(victim, "lock"), string.Empty);
        File.WriteAllText(Path.Combine(victim, "c1", "state.json"), "{\"Field1\":\"victim\",\"Field2\":\"c1\"}");
        return victim;
    }

    private static void AssertRefused(Action call, string what)
    {
        ResourceIOException? ex = null;
        try
        {
            call();
        }
        catch (ResourceIOException caught)
        {
            ex = caught;
        }

        Assert.True(ex is not null, $"{what} followed or ignored a planted link");
        Assert.Contains(ex!.ErrorNumber, new[] { Errno.ELOOP, Errno.ENOTDIR });
        FileAssert.SingleLine(ex);
    }

    [Theory]
    [InlineData(StorageRoot.Config)]
    [InlineData(StorageRoot.Run)]
    public void ARootThatIsASymlinkIsRefused(StorageRoot which)
    {
        using var env = new StorageTestEnvironment();
        string victim = MakeVictim(env);
        File.CreateSymbolicLink(which == StorageRoot.Config ? env.ConfigRoot : env.RunRoot, victim);
        Directory.CreateDirectory(Path.Combine(victim, PodId));
        string victimBefore = TreeSnapshot.Of(victim);
        ResourceKind kind = which == StorageRoot.Config ? K.Config : K.State;

        AssertRefused(() => env.Engine.CreatePod(PodId), "CreatePod");
        AssertRefused(() => env.Store(Pod(kind, PodId), Sample.Of("x", "y")), "Store");
        AssertRefused(() => env.Fetch(Pod(kind, PodId)), "Fetch");
        AssertRefused(() => env.Engine.Exists(Pod(kind, PodId)), "Exists");
        AssertRefused(() => env.Engine.ListPods(), "ListPods");
        AssertRefused(() => env.Engine.DeletePod(PodId), "DeletePod");

        Assert.Equal(victimBefore, TreeSnapshot.Of(victim));
        env.AssertOutsideUntouched();
    }

    [Fact]
    public void APodDirectoryThatIsASymlinkIsRefusedAndDeletePodRemovesOnlyTheLink()
    {
        using var env = new StorageTestEnvironment();
        string victim = MakeVictim(env);
        env.Engine.CreatePod(PodId);
        Directory.Delete(Path.Combine(env.RunRoot, PodId), recursive: true);
        File.CreateSymbolicLink(Path.Combine(env.RunRoot, PodId), victim);
        Directory.Delete(Path.Combine(env.ConfigRoot, PodId));
        File.CreateSymbolicLink(Path.Combine(env.ConfigRoot, PodId), victim);
        string victimBefore = TreeSnapshot.Of(victim);

        AssertRefused(() => env.Store(Pod(K.State, PodId), Sample.Of("x", "y")), "Store state");
        AssertRefused(() => env.Store(Pod(K.Config, PodId), Sample.Of("x", "y")), "Store config");
        AssertRefused(() => env.Store(Ctr(K.State, PodId, "c1"), Sample.Of("x", "y")), "Store container state");
        AssertRefused(() => env.Fetch(Pod(K.State, PodId)), "Fetch");
        AssertRefused(() => env.TryFetch(Pod(K.Config, PodId), out _), "TryFetch");
        AssertRefused(() => env.Engine.Exists(Pod(K.State, PodId)), "Exists");
        AssertRefused(() => env.Engine.Delete(Pod(K.State, PodId)), "Delete");
        AssertRefused(() => env.Engine.Lock(PodId, PodLockMode.Exclusive, TimeSpan.FromMilliseconds(50)), "Lock");
        AssertRefused(() => env.Engine.TryLock(PodId, PodLockMode.Shared), "TryLock");
        AssertRefused(() => env.Engine.CreatePod(PodId), "CreatePod");
        AssertRefused(() => env.Engine.CreateContainer(PodId, "c2"), "CreateContainer");
        AssertRefused(() => env.Engine.ListContainers(PodId), "ListContainers");
        AssertRefused(() => env.Engine.DeleteContainer(PodId, "c1"), "DeleteContainer");
        Assert.Empty(env.Engine.ListPods());
        Assert.Equal(victimBefore, TreeSnapshot.Of(victim));

        Assert.True(env.Engine.DeletePod(PodId));

        Assert.False(Path.Exists(Path.Combine(env.RunRoot, PodId)));
        Assert.False(Path.Exists(Path.Combine(env.ConfigRoot, PodId)));
        Assert.Equal(victimBefore, TreeSnapshot.Of(victim));
        env.AssertOutsideUntouched();
    }

    [Fact]
    public void AContainerDirectoryThatIsASymlinkIsRefusedAndDeleteContainerRemovesOnlyTheLink()
    {
        using var env = new StorageTestEnvironment();
        string victim = MakeVictim(env);
        env.Engine.CreatePod(PodId);
        File.CreateSymbolicLink(Path.Combine(env.RunRoot, PodId, "c1"), victim);
        File.CreateSymbolicLink(Path.Combine(env.ConfigRoot, PodId, "c1"), victim);
        string victimBefore = TreeSnapshot.Of(victim);

        AssertRefused(() => env.Store(Ctr(K.State, PodId, "c1"), Sample.Of("x", "y")), "Store");
        AssertRefused(() => env.Store(Ctr(K.Config, PodId, "c1"), Sample.Of("x", "y")), "Store config");
        AssertRefused(() => env.Fetch(Ctr(K.State, PodId, "c1")), "Fetch");
        AssertRefused(() => env.Engine.Exists(Ctr(K.State, PodId, "c1")), "Exists");
        AssertRefused(() => env.Engine.Delete(Ctr(K.State, PodId, "c1")), "Delete");
        AssertRefused(() => env.Engine.CreateContainer(PodId, "c1"), "CreateContainer");
        Assert.Empty(env.Engine.ListContainers(PodId));

        Assert.True(env.Engine.DeleteContainer(PodId, "c1"));

        Assert.False(Path.Exists(Path.Combine(env.RunRoot, PodId, "c1")));
        Assert.False(Path.Exists(Path.Combine(env.ConfigRoot, PodId, "c1")));
        Assert.Equal(victimBefore, TreeSnapshot.Of(victim));
        env.AssertOutsideUntouched();
    }

    [Fact]
    public void AResourceFileThatIsASymlinkIsNeitherReadNorWrittenThrough()
    {
        using var env = new StorageTestEnvironment();
        string victim = MakeVictim(env);
        env.Engine.CreatePod(PodId);
        env.Engine.CreateContainer(PodId, "c1");
        File.CreateSymbolicLink(Path.Combine(env.RunRoot, PodId, "state.json"), Path.Combine(victim, "state.json"));
        File.CreateSymbolicLink(Path.Combine(env.ConfigRoot, PodId, "config.json"), Path.Combine(victim, "config.json"));
        File.CreateSymbolicLink(Path.Combine(env.RunRoot, PodId, "c1", "devices.json"), Path.Combine(env.Outside, "would-be-created"));
        string victimBefore = TreeSnapshot.Of(victim);

        foreach (ResourceAddress address in new[] { Pod(K.State, PodId), Pod(K.Config, PodId), Ctr(K.Devices, PodId, "c1") })
        {
            AssertRefused(() => env.Store(address, Sample.Of("x", "y")), $"Store {address}");
            AssertRefused(() => env.Fetch(address), $"Fetch {address}");
            AssertRefused(() => env.TryFetch(address, out _), $"TryFetch {address}");
            AssertRefused(() => env.Engine.Exists(address), $"Exists {address}");
            AssertRefused(() => env.Engine.UpdateCore<Sample, SampleSerializer>(address, SampleSerializer.Instance, s => Sample.Of("x", "y"), TimeSpan.FromSeconds(1), default), $"Update {address}");
        }

        FileAssert.NoTemporaryFiles(Path.Combine(env.RunRoot, PodId));
        Assert.Equal(victimBefore, TreeSnapshot.Of(victim));
        env.AssertOutsideUntouched();

        // Delete removes the link itself, never its target.
        Assert.True(env.Engine.Delete(Pod(K.State, PodId)));
        Assert.False(Path.Exists(Path.Combine(env.RunRoot, PodId, "state.json")));
        Assert.Equal(victimBefore, TreeSnapshot.Of(victim));
    }

    [Fact]
    public void ALockFileThatIsASymlinkIsRefused()
    {
        using var env = new StorageTestEnvironment();
        string victim = MakeVictim(env);
        env.Engine.CreatePod(PodId);
        string lockPath = Path.Combine(env.RunRoot, PodId, "lock");
        File.Delete(lockPath);
        File.CreateSymbolicLink(lockPath, Path.Combine(victim, "lock"));
        string victimBefore = TreeSnapshot.Of(victim);

        AssertRefused(() => env.Engine.Lock(PodId, PodLockMode.Exclusive, TimeSpan.FromMilliseconds(50)), "Lock");
        AssertRefused(() => env.Engine.TryLock(PodId, PodLockMode.Shared), "TryLock");
        AssertRefused(() => env.Engine.CreatePod(PodId), "CreatePod");
        AssertRefused(() => env.Engine.Exists(Pod(K.LockFile, PodId)), "Exists");
        AssertRefused(() => env.Engine.UpdateCore<Sample, SampleSerializer>(Pod(K.State, PodId), SampleSerializer.Instance, s => Sample.Of("x", "y"), TimeSpan.FromSeconds(1), default), "Update");
        Assert.Equal(0, FlockHolder.TryFlock(Path.Combine(victim, "lock"), exclusive: true));

        Assert.True(env.Engine.DeletePod(PodId));
        Assert.Equal(victimBefore, TreeSnapshot.Of(victim));
        env.AssertOutsideUntouched();
    }

    [Fact]
    public void LinksInsideAContainerAreUnlinkedNotFollowedByDeletes()
    {
        using var env = new StorageTestEnvironment();
        string victim = MakeVictim(env);
        env.Engine.CreatePod(PodId);
        env.Engine.CreateContainer(PodId, "c1");
        string ctr = Path.Combine(env.RunRoot, PodId, "c1");
        Directory.CreateDirectory(Path.Combine(ctr, "rootfs"));
        File.CreateSymbolicLink(Path.Combine(ctr, "rootfs", "escape"), victim);
        File.CreateSymbolicLink(Path.Combine(ctr, "file-link"), Path.Combine(victim, "state.json"));
        File.CreateSymbolicLink(Path.Combine(env.RunRoot, PodId, "pod-link"), victim);
        string victimBefore = TreeSnapshot.Of(victim);

        Assert.True(env.Engine.DeleteContainer(PodId, "c1"));
        Assert.False(Path.Exists(ctr));
        Assert.Equal(victimBefore, TreeSnapshot.Of(victim));

        Assert.True(env.Engine.DeletePod(PodId));
        Assert.False(Path.Exists(Path.Combine(env.RunRoot, PodId)));
        Assert.Equal(victimBefore, TreeSnapshot.Of(victim));
        env.AssertOutsideUntouched();
    }

    [Fact]
    public void AFifoAtAResourceNameIsRefusedWithoutBlocking()
    {
        using var env = new StorageTestEnvironment();
        env.Engine.CreatePod(PodId);
        string fifo = Path.Combine(env.RunRoot, PodId, "agent.json");
        Assert.Equal(0, Run("mkfifo", fifo).ExitCode);

        var ex = Assert.Throws<ResourceIOException>(() => env.Fetch(Pod(K.Agent, PodId)));
        Assert.Equal(Errno.EINVAL, ex.ErrorNumber);
        Assert.Throws<ResourceIOException>(() => env.Store(Pod(K.Agent, PodId), Sample.Of("x", "y")));
        Assert.Throws<ResourceIOException>(() => env.Engine.Exists(Pod(K.Agent, PodId)));
        Assert.True(env.Engine.Delete(Pod(K.Agent, PodId)));
    }

    [Fact]
    public void ADirectoryAtAResourceNameIsRefused()
    {
        using var env = new StorageTestEnvironment();
        env.Engine.CreatePod(PodId);
        Directory.CreateDirectory(Path.Combine(env.RunRoot, PodId, "network.json"));
        var ex = Assert.Throws<ResourceIOException>(() => env.Store(Pod(K.Network, PodId), Sample.Of("x", "y")));
        Assert.Equal(Errno.EISDIR, ex.ErrorNumber);
        Assert.Throws<ResourceIOException>(() => env.Fetch(Pod(K.Network, PodId)));
        Assert.Throws<ResourceIOException>(() => env.Engine.Delete(Pod(K.Network, PodId)));
        Assert.True(Directory.Exists(Path.Combine(env.RunRoot, PodId, "network.json")));
    }
}
