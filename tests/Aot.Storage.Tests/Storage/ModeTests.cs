using Aot.Storage.Native;
using static Aot.Storage.Tests.Storage.StorageTestEnvironment;
using K = Aot.Storage.VirtContainers.VirtContainersStore.Kinds;

namespace Aot.Storage.Tests.Storage;

/// <summary>
/// Directories 0750, files 0640 whatever the umask the process has when the engine first creates something. The
/// umask is process-wide, so these tests run in the serial collection and restore it.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class ModeTests
{
    [Theory]
    [InlineData(0b000_000_000u)]
    [InlineData(0b000_111_111u)]
    [InlineData(0b000_010_010u)]
    public void ModesDoNotDependOnTheUmask(uint mask)
    {
        // The engine learns from its first creations whether the umask cuts the modes (AUmaskChangedAfterThe...
        // in the reliability suite covers a umask changed after that).
        uint saved = LibC.Umask(mask);
        StorageTestEnvironment env;
        try
        {
            env = new StorageTestEnvironment();
            env.Engine.CreatePod("pod1");
            env.Engine.CreateContainer("pod1", "c1");
            env.Store(Pod(K.Config, "pod1"), Sample.Of("a", "b"));
            env.Store(Pod(K.State, "pod1"), Sample.Of("a", "b"));
            env.Store(Ctr(K.Config, "pod1", "c1"), Sample.Of("a", "b"));
            env.Store(Ctr(K.Devices, "pod1", "c1"), Sample.Of("a", "b"));
            env.Store(Ctr(K.Devices, "pod1", "c1"), Sample.Of("overwritten", "b"));
        }
        finally
        {
            LibC.Umask(saved);
        }

        using StorageTestEnvironment created = env;
        foreach (string dir in new[]
        {
            env.ConfigRoot, env.RunRoot,
            Path.Combine(env.ConfigRoot, "pod1"), Path.Combine(env.RunRoot, "pod1"),
            Path.Combine(env.ConfigRoot, "pod1", "c1"), Path.Combine(env.RunRoot, "pod1", "c1"),
        })
        {
            FileAssert.IsDirectoryWithMode(dir);
        }

        foreach (string file in new[]
        {
            Path.Combine(env.ConfigRoot, "pod1", "config.json"), Path.Combine(env.RunRoot, "pod1", "state.json"),
            Path.Combine(env.RunRoot, "pod1", "lock"), Path.Combine(env.ConfigRoot, "pod1", "c1", "config.json"),
            Path.Combine(env.RunRoot, "pod1", "c1", "devices.json"),
        })
        {
            FileAssert.IsFileWithMode(file);
        }
    }

    [Fact]
    public void TheUmaskThatCountsIsTheOneOfTheFirstCreationNotOfTheConstructor()
    {
        using var env = new StorageTestEnvironment();
        uint saved = LibC.Umask(0b000_111_111u);
        try
        {
            env.Engine.CreatePod("pod1");
            env.Store(Pod(K.State, "pod1"), Sample.Of("a", "b"));
            env.Store(Pod(K.State, "pod1"), Sample.Of("c", "d"));
        }
        finally
        {
            LibC.Umask(saved);
        }

        FileAssert.IsDirectoryWithMode(Path.Combine(env.RunRoot, "pod1"));
        FileAssert.IsFileWithMode(Path.Combine(env.RunRoot, "pod1", "lock"));
        FileAssert.IsFileWithMode(Path.Combine(env.RunRoot, "pod1", "state.json"));
    }

    [Fact]
    public void MissingRootsAreCreatedWithTheirParents()
    {
        uint saved = LibC.Umask(0b000_111_111u);
        StorageTestEnvironment env;
        try
        {
            env = new StorageTestEnvironment(o =>
            {
                o.ConfigRoot = Path.Combine(o.ConfigRoot, "deep", "er");
                o.RunRoot = Path.Combine(o.RunRoot, "deep", "er");
            });
            env.Engine.CreatePod("pod1");
        }
        finally
        {
            LibC.Umask(saved);
        }

        using StorageTestEnvironment created = env;

        FileAssert.IsDirectoryWithMode(Path.Combine(env.ConfigRoot, "deep"));
        FileAssert.IsDirectoryWithMode(Path.Combine(env.ConfigRoot, "deep", "er", "pod1"));
        FileAssert.IsFileWithMode(Path.Combine(env.RunRoot, "deep", "er", "pod1", "lock"));
    }

    [Fact]
    public void ExistingDirectoriesKeepTheirMode()
    {
        using var env = new StorageTestEnvironment();
        Directory.CreateDirectory(Path.Combine(env.RunRoot, "pod1"));
        Assert.Equal(0, Run("chmod", "0700", Path.Combine(env.RunRoot, "pod1")).ExitCode);
        env.Engine.CreatePod("pod1");
        Assert.Equal(0b111_000_000u, FileAssert.ModeOf(Path.Combine(env.RunRoot, "pod1")));
    }
}
