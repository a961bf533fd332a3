using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Aot.Storage.FileSystem;

namespace Aot.Storage.Benchmarks;

/// <summary>
/// <c>--cputime</c>: the same comparisons as the BenchmarkDotNet classes, measured as this thread's CPU time
/// (<c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c>, user + system, so it includes the kernel's work in system
/// calls) in batches of ~2 ms, the implementations interleaved batch by batch (A B C A B C ...). On a shared
/// machine wall time also counts the time the thread waits for a core; CPU time does not. Disk rows are
/// left out: an fsync waits for the device, which is no CPU time.
/// </summary>
public static partial class CpuTimeComparison
{
    private const int Rounds = 41;
    private const long TargetBatchNanoseconds = 2_000_000;

    public static int Run(TextWriter output, string? only, string[]? resources = null)
    {
        ResourceCase[] cases = resources is null ? Enum.GetValues<ResourceCase>() : [.. resources.Select(Enum.Parse<ResourceCase>)];
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"CPU time per operation (ns, median of {Rounds} interleaved batches of ~2 ms); ratio = median of per-round ratios to the first row of each case; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} at start.");
        text.AppendLine();

        if (only is null or "serialization")
        {
            text.AppendLine("| payload | operation | Aot.Storage | STJ source-gen | STJ reflection | speed-up vs STJ-SG (median of per-round ratios) |");
            text.AppendLine("| --- | --- | ---: | ---: | ---: | ---: |");
            foreach (PayloadKind kind in Enum.GetValues<PayloadKind>())
            {
                var b = new SerializationBenchmarks { Payload = kind };
                b.Setup();
                Row(text, kind.ToString(), "Serialize", Measure([() => b.SerializeStjSourceGen(), () => b.SerializeAotStorage(), () => b.SerializeStjReflection()]));
                Row(text, kind.ToString(), "Deserialize", Measure([() => b.DeserializeStjSourceGen(), () => b.DeserializeAotStorage(), () => b.DeserializeStjReflection()]));
                b.Cleanup();
            }

            var f = new StjFastPathBenchmarks();
            f.Setup();
            Result[] fast = Measure([() => f.SerializeStjFastPath(), () => f.SerializeAotStorage()]);
            text.AppendLine(CultureInfo.InvariantCulture, $"| ContainerConfig | Serialize vs STJ's fast path (converter-free context) | {fast[1].Median:F0} | {fast[0].Median:F0} (fast path) | | **{1 / fast[1].Ratio:F2}×** |");
            f.Cleanup();
            text.AppendLine();
        }

        if (only is null or "store")
        {
            text.AppendLine("| tmpfs store | durability | syscall floor | floor + codec | Aot.Storage | ratio floor + codec | **ratio Aot.Storage** |");
            text.AppendLine("| --- | --- | ---: | ---: | ---: | ---: | ---: |");
            foreach (Durability durability in Enum.GetValues<Durability>())
            {
                foreach (ResourceCase resource in cases)
                {
                    var b = new StoreBenchmarks { Resource = resource, Medium = Medium.Tmpfs, Durability = durability };
                    b.Setup();
                    Result[] r = Measure([b.StoreFloor, b.StoreFloorPlusCodec, b.StoreAotStorage]);
                    text.AppendLine(CultureInfo.InvariantCulture, $"| {resource} | {durability} | {r[0].Median:F0} | {r[1].Median:F0} | {r[2].Median:F0} | {r[1].Ratio:F2} | **{r[2].Ratio:F2}** |");
                    b.Cleanup();
                }
            }

            text.AppendLine();
        }

        if (only is null or "fetch")
        {
            text.AppendLine("| tmpfs fetch | syscall floor | floor + codec | Aot.Storage | ratio floor + codec | **ratio Aot.Storage** | Aot.Storage − (floor + codec) |");
            text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
            foreach (ResourceCase resource in cases)
            {
                var b = new FetchBenchmarks { Resource = resource, Medium = Medium.Tmpfs };
                b.Setup();
                Result[] r = Measure([() => b.FetchFloor(), () => b.FetchFloorPlusCodec(), () => b.FetchAotStorage()]);
                text.AppendLine(CultureInfo.InvariantCulture, $"| {resource} | {r[0].Median:F0} | {r[1].Median:F0} | {r[2].Median:F0} | {r[1].Ratio:F2} | **{r[2].Ratio:F2}** | {r[2].Median - r[1].Median:+0;-0} |");
                b.Cleanup();
            }
        }

        output.WriteLine(text.ToString());
        return 0;
    }

    /// <summary>Median CPU ns per call and median ratio to the first action, per action.</summary>
    public readonly record struct Result(double Median, double Ratio);

    private static void Row(StringBuilder text, string payload, string operation, Result[] r) =>
        text.AppendLine(CultureInfo.InvariantCulture, $"| {payload} | {operation} | {r[1].Median:F0} | {r[0].Median:F0} | {r[2].Median:F0} | **{1 / r[1].Ratio:F2}×** |");

    public static Result[] Measure(Action[] actions, int rounds = Rounds)
    {
        // Warm-up long enough for tiered compilation to reach optimized code (with dynamic PGO), as
        // BenchmarkDotNet's warm-up does: calls for ~0.6 s, a pause for the background compiler, then more.
        for (int pass = 0; pass < 2; pass++)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (clock.ElapsedMilliseconds < 300)
            {
                foreach (Action action in actions)
                {
                    action();
                }
            }

            Thread.Sleep(150);
        }

        long start = Now();
        int probe = 0;
        while (Now() - start < TargetBatchNanoseconds / 4)
        {
            actions[0]();
            probe++;
        }

        double perCall = (double)(Now() - start) / probe;
        int batch = (int)Math.Clamp(TargetBatchNanoseconds / perCall, 5, 100_000);
        var samples = new double[actions.Length][];
        for (int a = 0; a < actions.Length; a++)
        {
            samples[a] = new double[rounds];
        }

        for (int round = 0; round < rounds; round++)
        {
            for (int a = 0; a < actions.Length; a++)
            {
                Action action = actions[a];
                long t0 = Now();
                for (int i = 0; i < batch; i++)
                {
                    action();
                }

                samples[a][round] = (double)(Now() - t0) / batch;
            }
        }

        var results = new Result[actions.Length];
        for (int a = 0; a < actions.Length; a++)
        {
            double[] ratios = [.. Enumerable.Range(0, rounds).Select(r => samples[a][r] / samples[0][r])];
            results[a] = new Result(Median(samples[a]), Median(ratios));
        }

        return results;
    }

    private static double Median(double[] values)
    {
        double[] sorted = [.. values.Order()];
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static long Now()
    {
        _ = ClockGetTime(3 /* CLOCK_THREAD_CPUTIME_ID */, out Timespec ts);
        return (ts.Seconds * 1_000_000_000L) + ts.Nanoseconds;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out Timespec value);
}
