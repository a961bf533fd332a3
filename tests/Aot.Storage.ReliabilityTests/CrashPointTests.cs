using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Aot.Storage.FileSystem;
using Aot.Storage.ReliabilityTests.Infrastructure;
using Aot.Storage.StressHelper;
using Aot.Storage.VirtContainers;

namespace Aot.Storage.ReliabilityTests;

/// <summary>
/// G2: a failure after each step of the write protocol (temporary file created, written, flushed, closed,
/// renamed, directory flushed) leaves the old or the new file for every resource kind: as an exception in
/// this process, and as the death of a child process (FailFast, SIGKILL) in which no cleanup runs; the next
/// writer's first store into the directory removes the dead writer's temporary file.
/// </summary>
public sealed class CrashPointTests(ITestOutputHelper output)
{
    private const string Ctr = "c1";

    public static TheoryData<string, Durability> StepsAndDurabilities()
    {
        var data = new TheoryData<string, Durability>();
        foreach (Durability durability in new[] { Durability.None, Durability.Full })
        {
            foreach (StoreStep step in Enum.GetValues<StoreStep>())
            {
                data.Add(step.ToString(), durability);
            }
        }

        return data;
    }

    private static bool NewAfter(StoreStep step) => step >= StoreStep.Renamed;

    [Theory]
    [MemberData(nameof(StepsAndDurabilities))]
    public void AnExceptionAfterAnyStepLeavesOldOrNewForEveryKind(string stepName, Durability durability)
    {
        StoreStep failAt = Enum.Parse<StoreStep>(stepName);
        using var roots = new TestRoots();
        FileSystemResourceEngine engine = roots.Engine(durability, durability);
        var store = new VirtContainersStore(engine);
        store.CreatePod("pod");
        store.CreateContainer("pod", Ctr);
        var random = new Random((int)failAt * 10 + (int)durability);
        foreach (StressKind kind in StressKind.All)
        {
            object? old = kind.Make(random, 300);
            kind.Store(store, "pod", Ctr, old);
            object? next = kind.Make(random, 3000);
            string path = kind.PathOf(store, "pod", Ctr);
            string dir = Path.GetDirectoryName(path)!;
            string[] entriesBefore = Entries(dir);

            engine.StoreFaultInjector = step =>
            {
                if (step == failAt)
                {
                    throw new IOException($"injected at {step}");
                }
            };
            IOException ex;
            try
            {
                ex = Assert.Throws<IOException>(() => kind.Store(store, "pod", Ctr, next));
            }
            finally
            {
                engine.StoreFaultInjector = null;
            }

            Assert.Equal($"injected at {failAt}", ex.Message);
            byte[] expected = kind.Serialize(NewAfter(failAt) ? next : old);
            Assert.Equal(expected, File.ReadAllBytes(path));
            Assert.Equal(expected, kind.Serialize(kind.Fetch(store, "pod", Ctr)));
            Assert.Equal(entriesBefore, Entries(dir));
        }
    }

    /// <summary>Child processes die at every step of every kind's store, by FailFast and by SIGKILL.</summary>
    [Fact]
    public void AProcessThatDiesAfterAnyStepLeavesOldOrNewAndItsTemporaryFileIsCleanedNextTime()
    {
        using var roots = new TestRoots();
        // The children store with Durability.Full (every step happens); this process needs no flushes.
        VirtContainersStore store = roots.Store(Durability.None, Durability.None);
        var cases = new List<(StressKind Kind, StoreStep Step, string How, string Pod)>();
        foreach (StressKind kind in StressKind.All)
        {
            foreach (StoreStep step in Enum.GetValues<StoreStep>())
            {
                foreach (string how in new[] { "failfast", "sigkill" })
                {
                    string pod = string.Create(CultureInfo.InvariantCulture, $"p{cases.Count}");
                    cases.Add((kind, step, how, pod));
                    store.CreatePod(pod);
                    store.CreateContainer(pod, Ctr);
                }
            }
        }

        var failures = new ConcurrentBag<string>();
        int orphans = 0;
        var sw = Stopwatch.StartNew();
        Parallel.ForEach(cases, new ParallelOptions { MaxDegreeOfParallelism = 4 }, c =>
        {
            var random = new Random(c.Pod.GetHashCode(StringComparison.Ordinal));
            object? old = c.Kind.Make(random, 500);
            c.Kind.Store(store, c.Pod, Ctr, old);
            string path = c.Kind.PathOf(store, c.Pod, Ctr);
            string dir = Path.GetDirectoryName(path)!;
            byte[] oldBytes = File.ReadAllBytes(path);

            using ChildProcess child = ChildProcess.Helper(
            [
                "crash", .. roots.HelperArgs, "--pod", c.Pod, "--ctr", Ctr, "--kind", c.Kind.Name,
                "--step", c.Step.ToString(), "--how", c.How, "--durability", "full", "--text-length", "20000",
            ]);
            string name = $"{c.Kind.Name} at {c.Step} by {c.How}";
            if (!child.WaitForExit(TimeSpan.FromSeconds(60)))
            {
                failures.Add($"{name}: the child did not die");
                return;
            }

            string? newHash = child.Lines.FirstOrDefault(l => l.StartsWith("B ", StringComparison.Ordinal))?[2..];
            if (child.ExitCode == 0 || child.Lines.Contains("returned") || newHash is null)
            {
                failures.Add($"{name}: the child survived the crash point (exit {child.ExitCode})");
                return;
            }

            byte[] bytes = File.ReadAllBytes(path);
            string hash = StressKind.Hash(bytes);
            string expected = NewAfter(c.Step) ? newHash : StressKind.Hash(oldBytes);
            if (hash != expected)
            {
                failures.Add($"{name}: the file is {(hash == newHash ? "new" : hash == StressKind.Hash(oldBytes) ? "old" : "neither old nor new")}, expected {(NewAfter(c.Step) ? "new" : "old")}");
            }

            try
            {
                c.Kind.Fetch(store, c.Pod, Ctr);
            }
            catch (ResourceException ex)
            {
                failures.Add($"{name}: fetch failed: {ex.Message}");
            }

            // Before the rename the dead writer's temporary file is still there: nothing ran to remove it.
            string[] temps = Entries(dir).Where(n => n.StartsWith('.')).ToArray();
            int expectedTemps = NewAfter(c.Step) ? 0 : 1;
            if (temps.Length != expectedTemps || temps.Any(t => !FileSystemResourceEngine.TryParseTemporaryName(t, out int pid) || pid != child.Id))
            {
                failures.Add($"{name}: temporary files after the crash: [{string.Join(", ", temps)}], expected {expectedTemps} of pid {child.Id}");
            }

            Interlocked.Add(ref orphans, temps.Length);

            // The next writer's first store into the directory removes it (its writer is gone) and succeeds.
            object? after = c.Kind.Make(random, 50);
            c.Kind.Store(roots.Store(Durability.None, Durability.None), c.Pod, Ctr, after);
            if (Entries(dir).Any(n => n.StartsWith('.')))
            {
                failures.Add($"{name}: the next store did not remove the dead writer's temporary file");
            }

            if (!File.ReadAllBytes(path).AsSpan().SequenceEqual(c.Kind.Serialize(after)))
            {
                failures.Add($"{name}: the next store did not land");
            }
        });

        Reliability.Figure(output, "G2", string.Create(CultureInfo.InvariantCulture,
            $"crash points: {cases.Count} child deaths (10 kinds x {Enum.GetValues<StoreStep>().Length} steps x FailFast/SIGKILL, Durability.Full) failures={failures.Count} orphan-temp-files={orphans} (all removed by the next store) duration={sw.Elapsed.TotalSeconds:0.0}s; plus in-process exceptions: 10 kinds x 6 steps x 2 durabilities"));
        Assert.True(failures.IsEmpty, string.Join("\n", failures.Take(30)));
    }

    private static string[] Entries(string dir) =>
        Directory.GetFileSystemEntries(dir).Select(p => Path.GetFileName(p)!).Order(StringComparer.Ordinal).ToArray();
}
