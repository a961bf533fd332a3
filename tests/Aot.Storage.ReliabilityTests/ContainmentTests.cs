using System.Diagnostics;
using System.Globalization;
using Aot.Storage.FileSystem;
using Aot.Storage.Native;
using Aot.Storage.ReliabilityTests.Infrastructure;
using Aot.Storage.StressHelper;
using Aot.Storage.VirtContainers;

namespace Aot.Storage.ReliabilityTests;

/// <summary>
/// G7/G8 beyond the engine-level tests of Aot.Storage.Tests: every hostile ID through every method of the
/// generated typed store; planted links at every kind's file through the typed store; and a live attacker that
/// keeps swapping the pod directory, the container directory and the root for links to the outside while
/// another thread stores, reads, updates, locks and deletes.
/// </summary>
public sealed class ContainmentTests(ITestOutputHelper output)
{
    private const string Pod = "pod1";
    private const string Ctr = "c1";

    /// <summary>reliability.md §4 G7, as in HostileIdTests (<c>a..b</c> is a valid ID).</summary>
    internal static readonly string[] HostileIds =
    [
        "", " ", ".", "..", "...", "../x", "x/..", "../../../../etc", "a/b", "/", "/etc", "/etc/passwd",
        "a\\..\\b", "C:\\x", "a\0b", "abc\n", "abc\r\n", "\tabc", " abc", "abc ", ".hidden", "-rf", "--help",
        "%2e%2e", "~root", "$(id)", "*", "?", "lock", "state.json", "config.json", "network.json",
        "hypervisor.json", "agent.json", "process.json", "mounts.json", "devices.json",
        ".tmp-state.json-123", ".state.json.tmp-123-abc", new string('a', 77), new string('a', 255), new string('a', 256),
        new string('a', 4096), "é1", "e\u03011", "ａｂｃ", "٣٣", "а", "a\u2215b", "a\u2044b", "a\uFF0Fb", "\uFF0E\uFF0E",
        "a\u200Db", "\u202Eabc", "\uD800", "a\u0000", "_leading", "trailing\n", "abc\u0085",
    ];

    [Fact]
    public void EveryHostileIdIsRefusedByEveryTypedMethodAsPodAndAsContainerId()
    {
        using var roots = new TestRoots();
        VirtContainersStore store = roots.Store();
        store.CreatePod(Pod);
        store.CreateContainer(Pod, Ctr);
        var random = new Random(7);
        foreach (StressKind kind in StressKind.All)
        {
            kind.Store(store, Pod, Ctr, kind.Make(random, 20));
        }

        string before = TestRoots.Snapshot(roots.Base);
        TimeSpan t = TimeSpan.FromMilliseconds(50);
        int calls = 0;
        var accepted = new List<string>();
        foreach (string id in HostileIds)
        {
            var targets = new List<(string Role, string Pod, string Ctr)> { ("pod", id, Ctr) };
            targets.Add(("container", Pod, id));
            foreach ((string role, string pod, string ctr) in targets)
            {
                var methods = new List<(string Name, Action Call)>();
                foreach (StressKind kind in StressKind.All.Where(k => role == "pod" || k.ContainerLevel))
                {
                    object? value = kind.Make(random, 5);
                    methods.Add(($"Store {kind}", () => kind.Store(store, pod, ctr, value)));
                    methods.Add(($"Fetch {kind}", () => kind.Fetch(store, pod, ctr)));
                    methods.Add(($"TryFetch {kind}", () => kind.TryFetch(store, pod, ctr)));
                    methods.Add(($"Update {kind}", () => kind.Update(store, pod, ctr, _ => value)));
                    methods.Add(($"Delete {kind}", () => kind.Delete(store, pod, ctr)));
                    methods.Add(($"Exists {kind}", () => kind.Exists(store, pod, ctr)));
                    methods.Add(($"Get path {kind}", () => kind.PathOf(store, pod, ctr)));
                }

                methods.Add(("CreateContainer", () => store.CreateContainer(pod, ctr)));
                methods.Add(("DeleteContainer", () => store.DeleteContainer(pod, ctr)));
                if (role == "pod")
                {
                    methods.Add(("CreatePod", () => store.CreatePod(pod)));
                    methods.Add(("DeletePod", () => store.DeletePod(pod)));
                    methods.Add(("ListContainers", () => store.ListContainers(pod)));
                    methods.Add(("LockPod shared", () => store.LockPod(pod, PodLockMode.Shared, t).Dispose()));
                    methods.Add(("LockPod exclusive", () => store.LockPod(pod, PodLockMode.Exclusive, t).Dispose()));
                    methods.Add(("TryLockPod", () => store.TryLockPod(pod, PodLockMode.Exclusive)?.Dispose()));
                    methods.Add(("GetPodLockPath", () => store.GetPodLockPath(pod)));
                }

                foreach ((string name, Action call) in methods)
                {
                    calls++;
                    try
                    {
                        call();
                        accepted.Add($"{name} accepted {role} ID '{Escape(id)}'");
                    }
                    catch (InvalidResourceIdException ex)
                    {
                        Assert.DoesNotContain('\n', ex.Message);
                    }
                    catch (Exception ex)
                    {
                        accepted.Add($"{name} with {role} ID '{Escape(id)}' threw {ex.GetType().Name} instead of InvalidResourceIdException: {ex.Message}");
                    }
                }
            }
        }

        Assert.Equal(before, TestRoots.Snapshot(roots.Base));
        Assert.Equal([Pod], store.ListPods());
        roots.AssertOutsideUntouched();
        Reliability.Figure(output, "G7", string.Create(CultureInfo.InvariantCulture,
            $"hostile IDs: {HostileIds.Length} IDs x every typed method (store/fetch/try-fetch/update/delete/exists/path per kind, create/delete/list/lock) as pod and container ID: calls={calls} accepted={accepted.Count}; tree and canary unchanged"));
        Assert.True(accepted.Count == 0, string.Join("\n", accepted.Take(20)));
    }

    [Fact]
    public void ALinkPlantedAtAnyKindsFileIsNeverFollowedByTheTypedStore()
    {
        using var roots = new TestRoots();
        VirtContainersStore store = roots.Store();
        store.CreatePod(Pod);
        store.CreateContainer(Pod, Ctr);
        string victim = Path.Combine(roots.Outside, "victim.json");
        var random = new Random(8);
        int refused = 0;
        foreach (StressKind kind in StressKind.All)
        {
            object? value = kind.Make(random, 50);
            File.WriteAllBytes(victim, kind.Serialize(value));
            string victimBefore = TestRoots.Snapshot(roots.Outside);
            string path = kind.PathOf(store, Pod, Ctr);
            File.Delete(path);
            File.CreateSymbolicLink(path, victim);
            foreach ((string name, Action call) in new (string, Action)[]
            {
                ("Store", () => kind.Store(store, Pod, Ctr, value)),
                ("Fetch", () => kind.Fetch(store, Pod, Ctr)),
                ("TryFetch", () => kind.TryFetch(store, Pod, Ctr)),
                ("Update", () => kind.Update(store, Pod, Ctr, v => v)),
                ("Exists", () => kind.Exists(store, Pod, Ctr)),
            })
            {
                var ex = Assert.Throws<ResourceIOException>(call);
                Assert.True(ex.ErrorNumber == Errno.ELOOP, $"{kind} {name}: errno {ex.ErrorNumber}");
                refused++;
            }

            // Delete removes the link, never its target.
            Assert.True(kind.Delete(store, Pod, Ctr));
            Assert.False(Path.Exists(path));
            Assert.Equal(victimBefore, TestRoots.Snapshot(roots.Outside));
            Assert.DoesNotContain(Directory.GetFileSystemEntries(Path.GetDirectoryName(path)!), e => Path.GetFileName(e)!.StartsWith('.'));
            kind.Store(store, Pod, Ctr, value);
        }

        Reliability.Figure(output, "G8", string.Create(CultureInfo.InvariantCulture, $"planted link at each of the 10 kinds' files: {refused} typed calls refused with ELOOP, 10 deletes removed only the link; outside byte-identical"));
    }

    /// <summary>
    /// A thread swaps the run root's pod directory, the config root's container directory and the run root
    /// itself for links to an outside tree that looks like a pod, as fast as it can; another thread stores,
    /// fetches, updates, locks and deletes meanwhile. Nothing outside may change, whatever each call returns.
    /// </summary>
    [Fact]
    public void ALiveAttackerSwappingDirectoriesForLinksNeverRedirectsAnOperation()
    {
        using var roots = new TestRoots();
        VirtContainersStore store = roots.Store(Durability.None, Durability.None);
        store.CreatePod(Pod);
        store.CreateContainer(Pod, Ctr);
        var random = new Random(9);
        foreach (StressKind kind in StressKind.All)
        {
            kind.Store(store, Pod, Ctr, kind.Make(random, 20));
        }

        // The outside tree mirrors the store's layout, so that a followed link would land on a real file.
        string victim = Path.Combine(roots.Outside, "victim");
        foreach (string dir in new[] { "config/pod1/c1", "run/pod1/c1", "pod1/c1", "c1" })
        {
            Directory.CreateDirectory(Path.Combine(victim, dir));
        }

        foreach (string file in Directory.GetFiles(roots.Base, "*", SearchOption.AllDirectories).Where(f => !f.StartsWith(roots.Outside, StringComparison.Ordinal)))
        {
            string relative = Path.GetRelativePath(roots.Base, file);
            foreach (string target in new[] { relative, relative[(relative.IndexOf('/', StringComparison.Ordinal) + 1)..] })
            {
                string copy = Path.Combine(victim, target);
                Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
                File.Copy(file, copy, overwrite: true);
            }
        }

        string outsideBefore = TestRoots.Snapshot(roots.Outside);
        (string Real, string Link)[] swaps =
        [
            (Path.Combine(roots.RunRoot, Pod), Path.Combine(victim, Pod)),
            (Path.Combine(roots.ConfigRoot, Pod, Ctr), Path.Combine(victim, Ctr)),
            (roots.RunRoot, Path.Combine(victim, "run")),
        ];
        TimeSpan duration = TimeSpan.FromSeconds(3 * Reliability.Factor);
        using var stop = new CancellationTokenSource();
        long swapsDone = 0;
        var attacker = new Thread(() =>
        {
            int i = 0;
            while (!stop.IsCancellationRequested)
            {
                (string real, string link) = swaps[i++ % swaps.Length];
                string aside = real + ".aside";
                if (LibC.RenameAt(LibC.AtFdCwd, real, LibC.AtFdCwd, aside) != 0)
                {
                    continue;
                }

                File.CreateSymbolicLink(real, link);
                Thread.SpinWait(random.Next(1, 2000));
                File.Delete(real);
                _ = LibC.RenameAt(LibC.AtFdCwd, aside, LibC.AtFdCwd, real);
                Interlocked.Increment(ref swapsDone);
            }
        })
        { IsBackground = true };

        long succeeded = 0, refused = 0;
        var unexpected = new List<string>();
        var sw = Stopwatch.StartNew();
        attacker.Start();
        var operationRandom = new Random(10);
        while (sw.Elapsed < duration)
        {
            StressKind kind = StressKind.All[operationRandom.Next(StressKind.All.Count)];
            try
            {
                switch (operationRandom.Next(6))
                {
                    case 0:
                    case 1:
                        kind.Store(store, Pod, Ctr, kind.Make(operationRandom, 100));
                        break;
                    case 2:
                        _ = kind.TryFetch(store, Pod, Ctr);
                        break;
                    case 3:
                        kind.Update(store, Pod, Ctr, v => v);
                        break;
                    case 4:
                        store.LockPod(Pod, PodLockMode.Exclusive, TimeSpan.FromMilliseconds(10)).Dispose();
                        _ = store.ListContainers(Pod);
                        break;
                    default:
                        _ = kind.Delete(store, Pod, Ctr);
                        break;
                }

                succeeded++;
            }
            catch (ResourceIOException ex) when (ex.ErrorNumber is Errno.ELOOP or Errno.ENOTDIR)
            {
                refused++;
            }
            catch (ResourceNotFoundException)
            {
                refused++;
            }
            catch (LockTimeoutException)
            {
                refused++;
            }
            catch (Exception ex)
            {
                unexpected.Add($"{kind}: {ex.GetType().Name}: {ex.Message}");
            }
        }

        stop.Cancel();
        Assert.True(attacker.Join(TimeSpan.FromSeconds(10)));
        Assert.Equal(outsideBefore, TestRoots.Snapshot(roots.Outside));
        roots.AssertOutsideHoldsOnlyCanaryAnd(victim);
        Reliability.Figure(output, "G8", string.Create(CultureInfo.InvariantCulture,
            $"live link-swap attacker ({swapsDone} swaps of pod dir, container dir and run root) vs {succeeded + refused} operations ({succeeded} succeeded inside the roots, {refused} refused with ELOOP/ENOTDIR/not found/lock timeout, {unexpected.Count} other): outside byte-identical; duration={sw.Elapsed.TotalSeconds:0.0}s"));
        Assert.True(unexpected.Count == 0, string.Join("\n", unexpected.Take(20)));
        Assert.True(swapsDone > 100 && refused > 0 && succeeded > 0, $"swaps={swapsDone} refused={refused} succeeded={succeeded}: the race was not exercised");
    }

    private static string Escape(string id)
    {
        var sb = new System.Text.StringBuilder();
        foreach (char c in id.Length > 40 ? id[..40] + "..." : id)
        {
            sb.Append(c is >= ' ' and <= '~' ? c.ToString() : $"\\u{(int)c:x4}");
        }

        return sb.ToString();
    }
}
