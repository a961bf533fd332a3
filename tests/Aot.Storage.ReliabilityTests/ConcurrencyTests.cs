using System.Diagnostics;
using System.Globalization;
using Aot.Storage.ReliabilityTests.Infrastructure;
using Aot.Storage.StressHelper;
using Aot.Storage.VirtContainers;

namespace Aot.Storage.ReliabilityTests;

/// <summary>
/// G3: reader processes never see a torn file while another process writes continuously.
/// G4: read-modify-write increments from many processes through the pod lock lose nothing; readers under
/// the shared lock see the counter only grow; nothing deadlocks.
/// </summary>
public sealed class ConcurrencyTests(ITestOutputHelper output)
{
    private const string Pod = "pod";
    private const string Ctr = "c1";
    private static readonly TimeSpan s_limit = TimeSpan.FromMinutes(3);

    [Fact]
    public void ReadersInOtherProcessesNeverSeeATornFileDuringContinuousWrites()
    {
        const int Readers = 4;
        int readsPerReader = Reliability.Trials(10_000);
        using var roots = new TestRoots();
        VirtContainersStore store = roots.Store();
        store.CreatePod(Pod);
        store.CreateContainer(Pod, Ctr);
        var random = new Random(3);
        foreach (StressKind kind in StressKind.All)
        {
            kind.Store(store, Pod, Ctr, kind.Make(random, 100));
        }

        string[] target = [.. roots.HelperArgs, "--pod", Pod, "--ctr", Ctr];
        var readers = Enumerable.Range(0, Readers)
            .Select(_ => ChildProcess.Helper(["read", .. target, "--count", readsPerReader.ToString(CultureInfo.InvariantCulture), "--wait-go"]))
            .ToList();
        using var writer = ChildProcess.Helper(["write", .. target, "--seed", "11", "--max-bytes", (256 * 1024).ToString(CultureInfo.InvariantCulture)]);
        try
        {
            readers.ForEach(r => r.WaitForLine("R", s_limit));
            writer.WaitForLine("C ", s_limit);
            var sw = Stopwatch.StartNew();
            readers.ForEach(r => r.Send("go"));
            string[] results = readers.Select(r => r.WaitForSuccess(s_limit)).ToArray();
            TimeSpan elapsed = sw.Elapsed;
            writer.Kill();
            int writes = writer.Lines.Count(l => l.StartsWith("C ", StringComparison.Ordinal));

            long reads = results.Sum(r => Field(r, "reads"));
            long corrupt = results.Sum(r => Field(r, "corrupt"));
            long missing = results.Sum(r => Field(r, "missing"));
            long changes = results.Sum(r => Field(r, "changes"));
            Reliability.Figure(output, "G3", string.Create(CultureInfo.InvariantCulture,
                $"reader isolation: {Readers} reader processes x {readsPerReader} reads = {reads} reads of 10 kinds, parse-failures={corrupt} not-found={missing}, value-changes-seen={changes}, concurrent-stores={writes} (payloads up to 256 KiB), duration={elapsed.TotalSeconds:0.0}s"));
            Assert.Equal(0, corrupt);
            Assert.Equal(0, missing);
            Assert.True(changes > Readers * 10, $"only {changes} changes seen: the writer did not overlap the reads");
        }
        finally
        {
            readers.ForEach(r => r.Dispose());
        }
    }

    [Fact]
    public void ConcurrentIncrementsThroughThePodLockLoseNothing()
    {
        const int Writers = 8;
        const int Observers = 2;
        int increments = Reliability.Trials(250);
        int expected = Writers * increments;
        using var roots = new TestRoots();
        VirtContainersStore store = roots.Store();
        store.CreatePod(Pod);
        store.StorePodState(Pod, new LifecycleState { State = LifecycleStates.Ready, BlockIndex = 0 });

        string[] target = [.. roots.HelperArgs, "--pod", Pod];
        var children = new List<ChildProcess>();
        try
        {
            // Half through UpdatePodState, half through an explicit LockPod + fetch + store.
            for (int i = 0; i < Writers; i++)
            {
                children.Add(ChildProcess.Helper(["rmw", .. target, "--count", increments.ToString(CultureInfo.InvariantCulture), "--wait-go", .. (i % 2 == 0 ? new[] { "--manual" } : [])]));
            }

            for (int i = 0; i < Observers; i++)
            {
                children.Add(ChildProcess.Helper(["observe", .. target, "--target", expected.ToString(CultureInfo.InvariantCulture), "--wait-go"]));
            }

            children.ForEach(c => c.WaitForLine("R", s_limit));
            var sw = Stopwatch.StartNew();
            children.ForEach(c => c.Send("go"));

            // A deadlock or a lost wake-up shows as a child that does not finish within the limit.
            string[] results = children.Select(c => c.WaitForSuccess(s_limit)).ToArray();
            TimeSpan elapsed = sw.Elapsed;

            long final = store.FetchPodState(Pod).BlockIndex;
            string[] observed = results[Writers..];
            long observerReads = observed.Sum(r => Field(r, "reads"));
            long decreases = observed.Sum(r => Field(r, "decreases"));
            Reliability.Figure(output, "G4", string.Create(CultureInfo.InvariantCulture,
                $"no lost update: {Writers} processes x {increments} locked read-modify-write increments: final={final} expected={expected}; {Observers} shared-lock readers: reads={observerReads} decreases={decreases}; deadlocks=0; duration={elapsed.TotalSeconds:0.0}s ({expected / elapsed.TotalSeconds:0} increments/s)"));
            Assert.Equal(expected, final);
            Assert.Equal(0, decreases);
            Assert.All(observed, r => Assert.Equal(expected, Field(r, "last")));
        }
        finally
        {
            children.ForEach(c => c.Dispose());
        }
    }

    /// <summary>The control: the same increments without the lock do lose updates, so the test above can fail.</summary>
    [Fact]
    public void WithoutThePodLockConcurrentIncrementsDoLoseUpdates()
    {
        const int Writers = 8;
        const int Increments = 250;
        using var roots = new TestRoots();
        VirtContainersStore store = roots.Store();
        store.CreatePod(Pod);
        store.StorePodState(Pod, new LifecycleState { State = LifecycleStates.Ready, BlockIndex = 0 });
        var children = Enumerable.Range(0, Writers)
            .Select(_ => ChildProcess.Helper(["rmw", .. roots.HelperArgs, "--pod", Pod, "--count", Increments.ToString(CultureInfo.InvariantCulture), "--unlocked", "--wait-go"]))
            .ToList();
        try
        {
            children.ForEach(c => c.WaitForLine("R", s_limit));
            children.ForEach(c => c.Send("go"));
            children.ForEach(c => c.WaitForSuccess(s_limit));
            long final = store.FetchPodState(Pod).BlockIndex;
            Reliability.Figure(output, "G4", string.Create(CultureInfo.InvariantCulture,
                $"control without the lock: {Writers} processes x {Increments} increments: final={final} of {Writers * Increments} (lost {Writers * Increments - final})"));
            Assert.True(final < Writers * Increments, "unlocked increments lost nothing: the lost-update test would not notice a broken lock");
        }
        finally
        {
            children.ForEach(c => c.Dispose());
        }
    }

    /// <summary>The value of <c>name=value</c> in a helper's report line.</summary>
    internal static long Field(string line, string name)
    {
        foreach (string part in line.Split(' '))
        {
            if (part.StartsWith(name + "=", StringComparison.Ordinal))
            {
                return long.Parse(part.AsSpan(name.Length + 1), CultureInfo.InvariantCulture);
            }
        }

        throw new FormatException($"no {name}= in '{line}'");
    }
}
