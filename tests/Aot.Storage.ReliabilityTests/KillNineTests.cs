using System.Diagnostics;
using System.Globalization;
using Aot.Storage.FileSystem;
using Aot.Storage.ReliabilityTests.Infrastructure;
using Aot.Storage.StressHelper;
using Aot.Storage.VirtContainers;

namespace Aot.Storage.ReliabilityTests;

/// <summary>
/// G1: a child stores random payloads (a few bytes to 256 KiB) into every resource kind in a loop and is
/// SIGKILLed at a random moment; after each kill every file parses and is the last completed or the in-flight
/// value, and the temporary files of killed writers are removed by the next writer's stores.
/// </summary>
public sealed class KillNineTests(ITestOutputHelper output)
{
    private const string Pod = "pod-g1";
    private const string Ctr = "ctr-g1";
    private static readonly TimeSpan s_childTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public void EveryFileIsTheLastCompletedOrTheInFlightValueAfterEachKill()
    {
        int trials = Reliability.Trials(200);
        using var roots = new TestRoots();
        VirtContainersStore store = roots.Store();
        store.CreatePod(Pod);
        store.CreateContainer(Pod, Ctr);
        IReadOnlyList<StressKind> kinds = StressKind.All;
        var completed = new string[kinds.Count];
        var random = new Random(20261128);
        for (int i = 0; i < kinds.Count; i++)
        {
            object? value = kinds[i].Make(random, 10);
            kinds[i].Store(store, Pod, Ctr, value);
            completed[i] = StressKind.Hash(kinds[i].Serialize(value));
        }

        string warmup = Path.Combine(roots.Base, "warmup");
        string[] durabilities = ["none", "default", "full"];
        ChildProcess Spawn(int trial) => ChildProcess.Helper(
        [
            "write", .. roots.HelperArgs, "--pod", Pod, "--ctr", Ctr,
            "--seed", (trial * 7919 + 1).ToString(CultureInfo.InvariantCulture),
            "--durability", durabilities[trial % durabilities.Length],
            "--warmup", Path.Combine(warmup, trial.ToString(CultureInfo.InvariantCulture)), "--wait-go",
        ]);

        int torn = 0, killedInFlight = 0, inFlightLanded = 0, orphanTemps = 0, staleLeft = 0, stores = 0;
        var failures = new List<string>();
        var sw = Stopwatch.StartNew();
        // Writers are started a few trials ahead, warm up and wait for "go": their start-up overlaps the
        // trials before them.
        const int Ahead = 3;
        var queue = new Queue<ChildProcess>();
        for (int i = 0; i < Math.Min(Ahead, trials); i++)
        {
            queue.Enqueue(Spawn(i));
        }

        for (int trial = 0; trial < trials; trial++)
        {
            using ChildProcess child = queue.Dequeue();
            if (trial + Ahead < trials)
            {
                queue.Enqueue(Spawn(trial + Ahead));
            }

            child.WaitForLine("R", s_childTimeout);
            child.Send("go");

            // Kill after 10-20 completed stores (every directory written at least once) plus 0-50 ms.
            int completions = random.Next(10, 21);
            for (int c = 0; c < completions; c++)
            {
                child.WaitForLine("C ", s_childTimeout);
            }

            Thread.Sleep(random.Next(0, 51));
            child.Kill();

            // Replay the child's report: per kind, the last completed value and a value in flight.
            var inFlight = new string?[kinds.Count];
            foreach (string line in child.Lines)
            {
                string[] parts = line.Split(' ');
                if (parts.Length != 3)
                {
                    continue;
                }

                int index = int.Parse(parts[1], CultureInfo.InvariantCulture);
                if (parts[0] == "B")
                {
                    inFlight[index] = parts[2];
                }
                else if (parts[0] == "C")
                {
                    completed[index] = parts[2];
                    inFlight[index] = null;
                    stores++;
                }
            }

            killedInFlight += inFlight.Any(h => h is not null) ? 1 : 0;
            for (int i = 0; i < kinds.Count; i++)
            {
                string path = kinds[i].PathOf(store, Pod, Ctr);
                byte[] bytes = File.ReadAllBytes(path);
                string hash = StressKind.Hash(bytes);
                string? problem = null;
                try
                {
                    object? fetched = kinds[i].Fetch(store, Pod, Ctr);
                    if (!kinds[i].Serialize(fetched).AsSpan().SequenceEqual(bytes))
                    {
                        problem = "parses, but does not write back to the same bytes";
                    }
                }
                catch (ResourceException ex)
                {
                    problem = "does not fetch: " + ex.Message;
                }

                if (hash == inFlight[i])
                {
                    completed[i] = hash;
                    inFlightLanded++;
                }
                else if (hash != completed[i])
                {
                    problem ??= $"is neither the last completed value nor the one in flight ({bytes.Length} bytes)";
                }

                if (problem is not null)
                {
                    torn++;
                    failures.Add($"trial {trial}, {kinds[i].Name}: {problem}");
                    completed[i] = hash;
                }
            }

            // At most the killed writer's own temporary file remains; those of earlier writers were removed
            // by this writer's stores into the same directories.
            foreach (string dir in roots.PodDirectories(Pod, Ctr))
            {
                foreach (string name in Directory.GetFileSystemEntries(dir).Select(p => Path.GetFileName(p)!).Where(n => n.StartsWith('.')))
                {
                    Assert.True(FileSystemResourceEngine.TryParseTemporaryName(name, out int pid), $"unexpected entry {dir}/{name}");
                    if (pid == child.Id)
                    {
                        orphanTemps++;
                    }
                    else
                    {
                        staleLeft++;
                        failures.Add($"trial {trial}: temporary file {name} of an earlier writer (pid {pid}) was not cleaned");
                    }
                }
            }

        }

        Assert.Empty(queue);
        TimeSpan elapsed = sw.Elapsed;

        // The next writer's first store into each directory removes what the last killed writer left.
        VirtContainersStore next = roots.Store();
        foreach (StressKind kind in kinds)
        {
            kind.Store(next, Pod, Ctr, kind.Make(random, 5));
        }

        int leftAtEnd = roots.PodDirectories(Pod, Ctr).Sum(d => Directory.GetFileSystemEntries(d).Count(p => Path.GetFileName(p)!.StartsWith('.')));

        Reliability.Figure(output, "G1", string.Create(CultureInfo.InvariantCulture,
            $"kill -9 trials={trials} torn={torn} stores-completed={stores} kills-with-a-store-in-flight={killedInFlight} in-flight-values-landed={inFlightLanded} orphan-temp-files-after-kill={orphanTemps} stale-temp-files-not-cleaned={staleLeft} temp-files-after-final-store={leftAtEnd} duration={elapsed.TotalSeconds:0.0}s"));
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
        Assert.Equal(0, torn);
        Assert.Equal(0, leftAtEnd);
        Assert.True(killedInFlight > trials / 4, $"only {killedInFlight} of {trials} kills hit a store in flight: the kill timing does not exercise the write");
        Assert.True(orphanTemps <= trials, "more than one temporary file per kill");
    }
}
