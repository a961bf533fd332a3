using Aot.Storage.FileSystem;
using Aot.Storage.Native;
using Aot.Storage.VirtContainers;
using Microsoft.Extensions.Logging;
using static Aot.Storage.Tests.Storage.StorageTestEnvironment;
using K = Aot.Storage.VirtContainers.VirtContainersStore.Kinds;

namespace Aot.Storage.Tests.Storage;

/// <summary>The write protocol: old-or-new at every failure point, no temporary file left, stale ones cleaned.</summary>
public sealed class AtomicWriteTests
{
    private const string PodId = "pod1";
    private const string OldBytes = "{\"Field1\":\"old\",\"Field2\":\"value\"}";
    private const string NewBytes = "{\"Field1\":\"new\",\"Field2\":\"value\"}";

    public static TheoryData<string, Durability, bool> FailurePoints()
    {
        var data = new TheoryData<string, Durability, bool>();
        foreach (Durability durability in new[] { Durability.None, Durability.Full })
        {
            data.Add(nameof(StoreStep.TemporaryCreated), durability, false);
            data.Add(nameof(StoreStep.Written), durability, false);
            data.Add(nameof(StoreStep.FileSynced), durability, false);
            data.Add(nameof(StoreStep.Closed), durability, false);
            data.Add(nameof(StoreStep.Renamed), durability, true);
            data.Add(nameof(StoreStep.DirectorySynced), durability, true);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(FailurePoints))]
    public void AFailureAtAnyStepLeavesOldOrNewAndNoTemporaryFile(string step, Durability durability, bool expectNew)
    {
        StoreStep failAt = Enum.Parse<StoreStep>(step);
        using var env = new StorageTestEnvironment(o => o.RunDurability = o.ConfigDurability = durability);
        env.Engine.CreatePod(PodId);
        env.Engine.CreateContainer(PodId, "c1");
        foreach (ResourceAddress address in new[] { Pod(K.Config, PodId), Pod(K.State, PodId), Ctr(K.Devices, PodId, "c1") })
        {
            env.Store(address, Sample.Of("old", "value"));
            env.Engine.StoreFaultInjector = step =>
            {
                if (step == failAt)
                {
                    throw new IOException($"injected at {step}");
                }
            };

            var ex = Assert.Throws<IOException>(() => env.Store(address, Sample.Of("new", "value")));
            env.Engine.StoreFaultInjector = null;

            Assert.Equal($"injected at {failAt}", ex.Message);
            string path = env.Engine.GetPath(address);
            Assert.Equal(expectNew ? NewBytes : OldBytes, File.ReadAllText(path));
            FileAssert.IsFileWithMode(path);
            FileAssert.NoTemporaryFiles(Path.GetDirectoryName(path)!);
        }
    }

    [Fact]
    public void APlantedFileAtTheTemporaryNameFailsTheStoreAndIsLeftAlone()
    {
        using var env = new StorageTestEnvironment();
        env.Engine.CreatePod(PodId);
        ResourceAddress address = Pod(K.State, PodId);
        env.Store(address, Sample.Of("old", "value"));
        string dir = Path.Combine(env.RunRoot, PodId);
        string planted = Path.Combine(dir, ".state.json.tmp-1-feed");
        File.WriteAllText(planted, "planted");
        env.Engine.TemporaryNameOverride = _ => ".state.json.tmp-1-feed";

        var ex = Assert.Throws<ResourceIOException>(() => env.Store(address, Sample.Of("new", "value")));

        Assert.Equal(Errno.EEXIST, ex.ErrorNumber);
        Assert.Equal(OldBytes, File.ReadAllText(Path.Combine(dir, "state.json")));
        Assert.Equal("planted", File.ReadAllText(planted));
        Assert.Equal([".state.json.tmp-1-feed", "lock", "state.json"], Directory.GetFileSystemEntries(dir).Select(p => Path.GetFileName(p)!).Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public void ADanglingSymlinkAtTheTemporaryNameIsNeverFollowed()
    {
        using var env = new StorageTestEnvironment();
        env.Engine.CreatePod(PodId);
        ResourceAddress address = Pod(K.Config, PodId);
        string dir = Path.Combine(env.ConfigRoot, PodId);
        string target = Path.Combine(env.Outside, "created-through-link");
        File.CreateSymbolicLink(Path.Combine(dir, ".config.json.tmp-1-beef"), target);
        int calls = 0;
        env.Engine.TemporaryNameOverride = name => calls++ == 0 ? ".config.json.tmp-1-beef" : FileSystemResourceEngine.CreateTemporaryName(name);

        // The taken name is skipped for a fresh one; the link's target is never created.
        env.Store(address, Sample.Of("new", "value"));

        Assert.Equal(2, calls);
        Assert.False(File.Exists(target));
        Assert.Equal(NewBytes, File.ReadAllText(Path.Combine(dir, "config.json")));
        env.AssertOutsideUntouched();
    }

    [Fact]
    public void StaleTemporaryFilesOfDeadWritersAreRemovedByTheFirstStoreIntoTheDirectory()
    {
        using var env = new StorageTestEnvironment();
        env.Engine.CreatePod(PodId);
        string dir = Path.Combine(env.RunRoot, PodId);

        // PID above the kernel's maximum (2^22): no such process can exist.
        string dead = Path.Combine(dir, ".state.json.tmp-2147483647-00000000deadbeef");
        string live = Path.Combine(dir, $".state.json.tmp-{Environment.ProcessId}-0000000000000001");
        string oldLive = Path.Combine(dir, $".network.json.tmp-{Environment.ProcessId}-0000000000000002");
        string foreign = Path.Combine(dir, ".unrelated-hidden-file");
        foreach (string path in new[] { dead, live, oldLive, foreign })
        {
            File.WriteAllText(path, "{\"Field1\":\"torn");
        }

        File.SetLastWriteTimeUtc(oldLive, DateTime.UtcNow.AddHours(-2));

        // Another engine than the one that made the directory (which knows it fresh): the next writer.
        var next = new FileSystemResourceEngine(Routing, env.Options);
        next.StoreCore(Pod(K.Agent, PodId), Sample.Of("a", "b"), SampleSerializer.Instance);

        Assert.False(File.Exists(dead));
        Assert.False(File.Exists(oldLive));
        Assert.True(File.Exists(live));
        Assert.True(File.Exists(foreign));
        var warnings = env.Logger.Entries.Where(e => e.Level == LogLevel.Warning).Select(e => e.Message).ToArray();
        Assert.Equal(2, warnings.Length);
        Assert.Contains(warnings, w => w.Contains(dead, StringComparison.Ordinal) && w.Contains("2147483647 is gone", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains(oldLive, StringComparison.Ordinal));
    }

    [Fact]
    public void AnEngineLooksForStaleTemporaryFilesOnItsFirstStoreIntoADirectoryItDidNotMake()
    {
        using var env = new StorageTestEnvironment();
        env.Engine.CreatePod(PodId);
        env.Engine.CreateContainer(PodId, "c1");
        var writer = new FileSystemResourceEngine(Routing, env.Options);
        writer.StoreCore(Pod(K.State, PodId), Sample.Of("a", "b"), SampleSerializer.Instance);
        string podDir = Path.Combine(env.RunRoot, PodId);
        string containerDir = Path.Combine(env.RunRoot, PodId, "c1");
        string inPod = Path.Combine(podDir, ".state.json.tmp-2147483647-0000000000000001");
        string inContainer = Path.Combine(containerDir, ".state.json.tmp-2147483647-0000000000000002");
        File.WriteAllText(inPod, "torn");
        File.WriteAllText(inContainer, "torn");

        // The writer looked at the pod directory a moment ago, never at the container directory; the engine
        // that made both knows them fresh and looks at neither.
        env.Store(Pod(K.State, PodId), Sample.Of("c", "d"));
        env.Store(Ctr(K.State, PodId, "c1"), Sample.Of("c", "d"));
        Assert.True(File.Exists(inPod));
        Assert.True(File.Exists(inContainer));
        writer.StoreCore(Pod(K.State, PodId), Sample.Of("c", "d"), SampleSerializer.Instance);
        writer.StoreCore(Ctr(K.State, PodId, "c1"), Sample.Of("c", "d"), SampleSerializer.Instance);
        Assert.True(File.Exists(inPod));
        Assert.False(File.Exists(inContainer));

        // Another engine (a restarted runtime, another tool) looks at its first store.
        var next = new FileSystemResourceEngine(Routing, env.Options);
        next.StoreCore(Pod(K.State, PodId), Sample.Of("e", "f"), SampleSerializer.Instance);
        Assert.False(File.Exists(inPod));
    }

    [Fact]
    public void ALongLivedEngineLooksAgainOnceTheStaleAgeHasPassed()
    {
        using var env = new StorageTestEnvironment(o => o.StaleTemporaryFileAge = TimeSpan.FromMilliseconds(200));
        env.Engine.CreatePod(PodId);
        env.Store(Pod(K.State, PodId), Sample.Of("a", "b"));
        string dead = Path.Combine(env.RunRoot, PodId, ".state.json.tmp-2147483647-0000000000000001");
        File.WriteAllText(dead, "torn");

        Thread.Sleep(TimeSpan.FromMilliseconds(450));
        env.Store(Pod(K.State, PodId), Sample.Of("c", "d"));

        Assert.False(File.Exists(dead));
    }

    [Fact]
    public void TemporaryNamesNeverMatchTheIdGrammarNorAResourceFileName()
    {
        foreach (ResourceKind kind in VirtContainersStore.RoutingTable.Kinds)
        {
            for (int i = 0; i < 200; i++)
            {
                string name = FileSystemResourceEngine.CreateTemporaryName(kind.FileName);
                Assert.StartsWith("." + kind.FileName + ".tmp-", name, StringComparison.Ordinal);
                Assert.False(ResourceIds.IsValid(name, FileSystemStoreOptions.MaxIdLengthLimit));
                Assert.False(VirtContainersStore.RoutingTable.IsReservedName(name));
                Assert.True(FileSystemResourceEngine.TryParseTemporaryName(name, out int pid));
                Assert.Equal(Environment.ProcessId, pid);
            }
        }

        Assert.False(FileSystemResourceEngine.TryParseTemporaryName(".hidden", out _));
        Assert.False(FileSystemResourceEngine.TryParseTemporaryName("state.json.tmp-1-a", out _));
        Assert.False(FileSystemResourceEngine.TryParseTemporaryName(".state.json.tmp-x-a", out _));
        Assert.False(FileSystemResourceEngine.TryParseTemporaryName(".state.json.tmp-1-", out _));
    }

    [Fact]
    public void FullAndNoDurabilityWriteTheSameBytes()
    {
        using var full = new StorageTestEnvironment(o => o.ConfigDurability = o.RunDurability = Durability.Full);
        using var none = new StorageTestEnvironment(o => o.ConfigDurability = o.RunDurability = Durability.None);
        foreach (StorageTestEnvironment env in new[] { full, none })
        {
            env.Engine.CreatePod(PodId);
            env.Engine.CreateContainer(PodId, "c1");
            env.Store(Pod(K.Config, PodId), Sample.Of("config", "x"));
            env.Store(Ctr(K.State, PodId, "c1"), Sample.Of("state", "y"));
            env.Engine.Delete(Ctr(K.State, PodId, "c1"));
            env.Store(Ctr(K.Process, PodId, "c1"), Sample.Of("process", "z"));
        }

        string Normalize(StorageTestEnvironment env) => env.Snapshot();
        Assert.Equal(Normalize(full), Normalize(none));
    }

    [Fact]
    public void DefaultDurabilityIsFullForConfigAndNoneForRun()
    {
        var options = new FileSystemStoreOptions();
        Assert.Equal(Durability.Full, options.ConfigDurability);
        Assert.Equal(Durability.None, options.RunDurability);
        Assert.Equal(76, options.MaxIdLength);
    }

    [Fact]
    public void RootsComeFromTheEnvironmentOrTheVirtcontainersDefaults()
    {
        string? savedConfig = Environment.GetEnvironmentVariable(FileSystemStoreOptions.ConfigRootVariable);
        string? savedRun = Environment.GetEnvironmentVariable(FileSystemStoreOptions.RunRootVariable);
        try
        {
            Environment.SetEnvironmentVariable(FileSystemStoreOptions.ConfigRootVariable, null);
            Environment.SetEnvironmentVariable(FileSystemStoreOptions.RunRootVariable, null);
            var defaults = FileSystemStoreOptions.FromEnvironment();
            Assert.Equal("/var/lib/virtcontainers/pods", defaults.ConfigRoot);
            Assert.Equal("/run/virtcontainers/pods", defaults.RunRoot);

            Environment.SetEnvironmentVariable(FileSystemStoreOptions.ConfigRootVariable, "/srv/cfg");
            Environment.SetEnvironmentVariable(FileSystemStoreOptions.RunRootVariable, "/srv/run/");
            var fromEnv = FileSystemStoreOptions.FromEnvironment();
            Assert.Equal("/srv/cfg", fromEnv.ConfigRoot);
            var engine = new FileSystemResourceEngine(Routing, fromEnv);
            Assert.Equal("/srv/run", engine.RunRoot);
        }
        finally
        {
            Environment.SetEnvironmentVariable(FileSystemStoreOptions.ConfigRootVariable, savedConfig);
            Environment.SetEnvironmentVariable(FileSystemStoreOptions.RunRootVariable, savedRun);
        }
    }

    [Fact]
    public void BadOptionsAreRefused()
    {
        Assert.Throws<ArgumentException>(() => new FileSystemResourceEngine(Routing, new FileSystemStoreOptions { ConfigRoot = "relative/path" }));
        Assert.Throws<ArgumentException>(() => new FileSystemResourceEngine(Routing, new FileSystemStoreOptions { RunRoot = string.Empty }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FileSystemResourceEngine(Routing, new FileSystemStoreOptions { MaxIdLength = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FileSystemResourceEngine(Routing, new FileSystemStoreOptions { MaxIdLength = 256 }));
    }
}
