using System.Diagnostics;
using System.Globalization;
using Aot.Storage.FileSystem;
using Aot.Storage.Native;
using Aot.Storage.ReliabilityTests.Infrastructure;
using Aot.Storage.StressHelper;
using Aot.Storage.VirtContainers;

namespace Aot.Storage.ReliabilityTests;

/// <summary>
/// G6: on a full file system every kind, at three sizes, fails with an I/O error (never a silent success or a
/// short file); the previous file stays byte for byte, no temporary file is left, no directory is removed;
/// once space is freed the next store succeeds. On a 256 KiB tmpfs (the run root's file system) and on an
/// 8 MiB ext4 image with every store flushed (the fsync path of the config root).
/// </summary>
public sealed class FullDiskTests(ITestOutputHelper output)
{
    private const string Pod = "pod";
    private const string Ctr = "c1";

    /// <summary>(text length of the new value, bytes left free before the store).</summary>
    private static readonly (int TextLength, long LeaveFree, string Name)[] s_sizes =
    [
        (-1, 0, "smallest value, 0 bytes free"),
        (24 * 1024, 8 * 1024, "24 KiB, 8 KiB free"),
        (160 * 1024, 8 * 1024, "160 KiB, 8 KiB free"),
    ];

    [Fact]
    public void OnAFullTmpfsEveryKindFailsCleanlyAndRecovers()
    {
        using SmallFileSystem fs = SmallFileSystem.Tmpfs("256k");
        Exercise(fs, Durability.Full, Durability.None);
    }

    [Fact]
    public void OnAFullExt4EveryKindFailsCleanlyAndRecoversWithEveryStoreFlushed()
    {
        using SmallFileSystem fs = SmallFileSystem.Ext4("8M");
        Exercise(fs, Durability.Full, Durability.Full);
    }

    private void Exercise(SmallFileSystem fs, Durability config, Durability run)
    {
        var roots = new TestRoots(Path.Combine(fs.MountPoint, "state"));

        // Disposed before the file system is unmounted: the engine keeps the directories it used open.
        using FileSystemResourceEngine engine = roots.Engine(config, run);
        var store = new VirtContainersStore(engine);
        store.CreatePod(Pod);
        store.CreateContainer(Pod, Ctr);
        string filler = Path.Combine(fs.MountPoint, "filler");
        var random = new Random(6);
        var errnos = new Dictionary<int, int>();
        int cases = 0;
        var sw = Stopwatch.StartNew();
        foreach (StressKind kind in StressKind.All)
        {
            foreach ((int textLength, long leaveFree, string sizeName) in s_sizes)
            {
                string name = $"{fs.Type}: {kind.Name}, {sizeName}";
                object? previous = kind.Make(random, 200);
                kind.Store(store, Pod, Ctr, previous);
                string path = kind.PathOf(store, Pod, Ctr);
                byte[] previousBytes = File.ReadAllBytes(path);
                object? next = kind.Make(random, textLength);
                byte[] nextBytes = kind.Serialize(next);

                fs.Fill(filler, leaveFree);
                Assert.False(fs.Fits(nextBytes.Length), $"{name}: {nextBytes.Length} bytes still fit ({fs.FreeBytes} bytes free)");
                string before = TestRoots.Snapshot(roots.Base);

                var ex = Assert.Throws<ResourceIOException>(() => kind.Store(store, Pod, Ctr, next));
                errnos[ex.ErrorNumber] = errnos.GetValueOrDefault(ex.ErrorNumber) + 1;
                Assert.True(ex.ErrorNumber is Errno.ENOSPC or Errno.EDQUOT, $"{name}: errno {ex.ErrorNumber}: {ex.Message}");
                Assert.Equal(Path.GetDirectoryName(path), Path.GetDirectoryName(ex.Path));

                // Previous file byte for byte, no temporary file, no directory or file removed or added.
                Assert.Equal(previousBytes, File.ReadAllBytes(path));
                Assert.Equal(before, TestRoots.Snapshot(roots.Base));
                Assert.Equal(previousBytes, kind.Serialize(kind.Fetch(store, Pod, Ctr)));

                // Space freed: the same store succeeds.
                File.Delete(filler);
                kind.Store(store, Pod, Ctr, next);
                Assert.Equal(nextBytes, File.ReadAllBytes(path));
                Assert.Equal(nextBytes, kind.Serialize(kind.Fetch(store, Pod, Ctr)));
                cases++;

                // Back to a small value, so that the next case has the room the small file system allows.
                kind.Store(store, Pod, Ctr, kind.Make(random, 10));
            }
        }

        Assert.Equal(Enumerable.Range(0, roots.PodDirectories(Pod, Ctr).Length).Select(_ => 0), roots.PodDirectories(Pod, Ctr).Select(d => Directory.GetFileSystemEntries(d).Count(e => Path.GetFileName(e)!.StartsWith('.'))));

        // A full disk must not block reading, listing and deleting (podman#13967: rm needed a write first).
        fs.Fill(filler, 0);
        Assert.Equal([Pod], store.ListPods());
        Assert.Equal([Ctr], store.ListContainers(Pod));
        foreach (StressKind kind in StressKind.All)
        {
            _ = kind.Fetch(store, Pod, Ctr);
        }

        using (store.LockPod(Pod, PodLockMode.Exclusive, TimeSpan.FromSeconds(5)))
        {
        }

        Assert.True(store.DeleteContainer(Pod, Ctr));
        Assert.True(store.DeletePod(Pod));
        Assert.Empty(store.ListPods());
        File.Delete(filler);
        Reliability.Figure(output, "G6", string.Create(CultureInfo.InvariantCulture,
            $"full {fs.Type} (config {config}, run {run}): {cases} stores (10 kinds x 3 sizes) on a full disk: I/O errors={errnos.Values.Sum()} ({string.Join(", ", errnos.Select(e => $"errno {e.Key} x{e.Value}"))}), silent successes=0, previous files intact={cases}, temp files left=0, directories removed=0, stores after freeing space succeeded={cases}; list/fetch/lock/delete on the full disk succeeded; duration={sw.Elapsed.TotalSeconds:0.0}s"));
    }
}
