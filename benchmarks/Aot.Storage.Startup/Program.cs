using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Aot.Storage.Startup;

/// <summary>
/// The start-up harness: publishes the NativeAOT apps under <c>Apps/</c>, runs them interleaved
/// (A B C A B C ...) and prints a Markdown table: wall time (median, p10–p90), its ratio to the empty app,
/// CPU time, peak RSS, binary size and the apps' own first-call timings.
/// </summary>
/// <remarks>
/// Options: <c>--rounds N</c> (default 300), <c>--warmup N</c> (default 20), <c>--work DIR</c> (where the apps
/// put their roots; default <c>/dev/shm/aot-storage-startup</c>, tmpfs like <c>/run</c>), <c>--no-publish</c>
/// (reuse the last published apps), <c>--markdown FILE</c> (also write the table there), <c>--smoke</c>
/// (publish, one round, no warm-up; exit code 1 if any app fails), <c>--rss-rounds N</c> (how many of the
/// rounds also measure peak RSS through <c>/usr/bin/time</c>, apt package <c>time</c>; default 30),
/// <c>--update-job-files</c> (write the floor app's <c>JobFiles.cs</c> from the Aot.Storage app's tree, then stop).
/// Before measuring, the harness checks that the floor app and the Aot.Storage app leave identical trees.
/// </remarks>
public static class Program
{
    private const string TimeTool = "/usr/bin/time";

    private static readonly AppSpec[] s_apps =
    [
        new("Empty", "Empty", [], "(1) Empty NativeAOT app"),
        new("AotStorage", "AotStorage", [], "(2) Aot.Storage"),
        new("SystemTextJson", "SystemTextJson", [], "(3) STJ source-gen + System.IO"),
        new("SyscallFloor", "SyscallFloor", [], "(4) the job's system calls alone: same files, fewest calls, no JSON"),
        new("OnePodConfig", "OnePodConfig", [], "(5) Aot.Storage, one pod and its PodConfig stored and fetched"),
    ];

    public static int Main(string[] args)
    {
        bool smoke = args.Contains("--smoke");
        int rounds = smoke ? 1 : IntOption(args, "--rounds", 300);
        int warmup = smoke ? 0 : IntOption(args, "--warmup", 20);
        string work = Option(args, "--work") ?? "/dev/shm/aot-storage-startup";
        string? markdown = Option(args, "--markdown");
        string repo = FindRepositoryRoot();
        string harness = Path.Combine(repo, "benchmarks", "Aot.Storage.Startup");
        string published = Path.Combine(harness, "artifacts", "publish");

        AppSpec[] apps = s_apps;
        bool updateJobFiles = args.Contains("--update-job-files");
        if (!args.Contains("--no-publish"))
        {
            foreach (AppSpec app in apps.Where(a => !updateJobFiles || a.Key == "AotStorage"))
            {
                Publish(Path.Combine(harness, "Apps", app.Project, app.Project + ".csproj"), Path.Combine(published, app.Key), app.Properties);
            }
        }

        string storeApp = Path.Combine(published, "AotStorage", "AotStorage");
        string floorApp = Path.Combine(published, "SyscallFloor", "SyscallFloor");
        if (updateJobFiles)
        {
            return UpdateJobFiles(storeApp, work, JobFilesSource.PathIn(repo));
        }

        var subjects = new List<Subject> { new("`/bin/true` (spawn floor)", "/bin/true", HasReport: false) };
        subjects.AddRange(apps.Select(app => new Subject(app.Description, Path.Combine(published, app.Key, app.Project), HasReport: app.Key != "Empty")));
        foreach (Subject subject in subjects)
        {
            if (!File.Exists(subject.Executable))
            {
                Console.Error.WriteLine($"{subject.Executable} is missing: publish the apps first (run without --no-publish).");
                return 2;
            }
        }

        Directory.CreateDirectory(work);
        if (FloorDifference(storeApp, floorApp, work) is string difference)
        {
            Console.Error.WriteLine($"The syscall-floor app does not leave the Aot.Storage app's tree: {difference}. Run the harness with --update-job-files, then again.");
            return 1;
        }

        string loadBefore = LoadAverage();
        string outputFile = Path.Combine(work, "stdout.txt");
        var results = subjects.ToDictionary(s => s, _ => new List<RunResult>());
        var peakRss = subjects.ToDictionary(s => s, _ => new List<double>());
        int rssRounds = Math.Min(rounds, IntOption(args, "--rss-rounds", 30));
        bool failed = false;
        for (int round = -warmup; round < rounds; round++)
        {
            for (int i = 0; i < subjects.Count; i++)
            {
                Subject subject = subjects[i];
                string root = Path.Combine(work, $"run-{i}");
                if (Directory.Exists(root))
                {
                    Directory.Delete(root, recursive: true);
                }

                RunResult result = Spawner.Run(subject.Executable, [root], outputFile);
                if (result.ExitCode != 0 || (subject.HasReport && ParseReport(result.Output) is null))
                {
                    Console.Error.WriteLine($"{subject.Name}: exit code {result.ExitCode}, output '{result.Output.Trim()}'");
                    failed = true;
                }

                if (round >= 0)
                {
                    results[subject].Add(result);
                }

                // ru_maxrss of a child spawned by this (large) process includes the parent's pages it shared
                // until exec, so peak RSS is measured apart, through GNU time's small fork-and-exec.
                if (round >= 0 && round < rssRounds && File.Exists(TimeTool))
                {
                    if (Directory.Exists(root))
                    {
                        Directory.Delete(root, recursive: true);
                    }

                    string rssFile = Path.Combine(work, "rss.txt");
                    RunResult timed = Spawner.Run(TimeTool, ["-f", "%M", "-o", rssFile, subject.Executable, root], outputFile);
                    if (timed.ExitCode == 0 && long.TryParse(File.ReadAllText(rssFile).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out long kib))
                    {
                        peakRss[subject].Add(kib / 1024.0);
                    }
                }
            }
        }

        Directory.Delete(work, recursive: true);
        string table = Render(subjects, results, peakRss, rounds, warmup, repo, loadBefore);
        Console.WriteLine(table);
        if (markdown is not null)
        {
            File.WriteAllText(markdown, table);
        }

        return failed ? 1 : 0;
    }

    private sealed record Subject(string Name, string Executable, bool HasReport);

    /// <summary>Runs the Aot.Storage app and the floor app once each; null when they leave identical trees.</summary>
    private static string? FloorDifference(string storeApp, string floorApp, string work)
    {
        string storeTree = Path.Combine(work, "check-store");
        string floorTree = Path.Combine(work, "check-floor");
        try
        {
            string output = Path.Combine(work, "check.txt");
            RunResult store = Spawner.Run(storeApp, [storeTree], output);
            RunResult floor = Spawner.Run(floorApp, [floorTree], output);
            return store.ExitCode != 0 || floor.ExitCode != 0
                ? $"exit codes {store.ExitCode} (Aot.Storage) and {floor.ExitCode} (floor)"
                : JobFilesSource.Difference(storeTree, floorTree);
        }
        finally
        {
            foreach (string tree in new[] { storeTree, floorTree })
            {
                if (Directory.Exists(tree))
                {
                    Directory.Delete(tree, recursive: true);
                }
            }
        }
    }

    private static int UpdateJobFiles(string storeApp, string work, string source)
    {
        string tree = Path.Combine(work, "job-files");
        Directory.CreateDirectory(work);
        try
        {
            RunResult store = Spawner.Run(storeApp, [tree], Path.Combine(work, "check.txt"));
            if (store.ExitCode != 0)
            {
                Console.Error.WriteLine($"The Aot.Storage app failed ({store.ExitCode}).");
                return 1;
            }

            File.WriteAllText(source, JobFilesSource.Render(tree));
            Console.Error.WriteLine($"wrote {source}");
            return 0;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>One published app: output folder key, project under Apps/, extra publish properties.</summary>
    private sealed record AppSpec(string Key, string Project, string[] Properties, string Description);

    private static void Publish(string project, string output, string[] properties)
    {
        Console.Error.WriteLine($"publishing {Path.GetFileNameWithoutExtension(project)} ...");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { "publish", project, "-c", "Release", "-r", "linux-x64", "-o", output, "-nologo", "-clp:ErrorsOnly" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string property in properties)
        {
            start.ArgumentList.Add(property);
        }

        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish {project} failed ({process.ExitCode}):\n{stdout.Result}\n{stderr.Result}");
        }
    }

    private static Dictionary<string, double>? ParseReport(string output)
    {
        var values = new Dictionary<string, double>();
        foreach (string pair in output.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries))
        {
            int equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0 || !long.TryParse(pair.AsSpan(equals + 1), NumberStyles.None, CultureInfo.InvariantCulture, out long nanoseconds))
            {
                return null;
            }

            values[pair[..equals]] = nanoseconds / 1e6;
        }

        return values.ContainsKey("first_store") && values.ContainsKey("first_fetch") ? values : null;
    }

    private static string Render(List<Subject> subjects, Dictionary<Subject, List<RunResult>> results, Dictionary<Subject, List<double>> peakRss, int rounds, int warmup, string repo, string loadBefore)
    {
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        text.AppendLine(inv, $"Start-up, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, commit {Git(repo, "rev-parse --short HEAD")}, {Machine()}, .NET {Environment.Version}; {rounds} interleaved rounds after {warmup} warm-up rounds; load average before/after: {loadBefore} / {LoadAverage()}.");
        text.AppendLine();
        text.AppendLine("| app | wall median (ms) | wall p10–p90 (ms) | ratio vs (1), median of per-round ratios | CPU median (ms) | peak RSS median (MiB, GNU time) | binary size (bytes) |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        Subject empty = subjects.First(s => s.Executable.EndsWith("/Empty", StringComparison.Ordinal));
        foreach (Subject subject in subjects)
        {
            List<RunResult> runs = results[subject];
            double[] wall = [.. runs.Select(r => r.WallMilliseconds)];
            double[] ratios = [.. runs.Zip(results[empty], (a, b) => a.WallMilliseconds / b.WallMilliseconds)];
            string size = subject.Executable.StartsWith('/') && subject.Executable.StartsWith("/bin/", StringComparison.Ordinal)
                ? "–"
                : new FileInfo(subject.Executable).Length.ToString("N0", inv);
            text.AppendLine(inv, $"| {subject.Name} | {Median(wall):F2} | {Percentile(wall, 0.1):F2}–{Percentile(wall, 0.9):F2} | {Median(ratios):F2} | {Median([.. runs.Select(r => r.CpuMilliseconds)]):F1} | {(peakRss[subject].Count == 0 ? "n/a" : Median([.. peakRss[subject]]).ToString("F1", inv))} | {size} |");
        }

        text.AppendLine();
        text.AppendLine("In-process timings reported by the store apps (medians, ms; Stopwatch inside the process):");
        text.AppendLine();
        text.AppendLine("| app | setup (store object, pod + 2 containers; (5): pod only) | first store (PodConfig) | first fetch (PodConfig) | first store + first fetch | all 15 stores ((5): 1) | all 15 fetches ((5): 1) | Main to end |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (Subject subject in subjects.Where(s => s.HasReport))
        {
            var reports = results[subject].Select(r => ParseReport(r.Output)).Where(r => r is not null).Select(r => r!).ToList();
            double M(string key) => reports.Count == 0 ? double.NaN : Median([.. reports.Select(r => r[key])]);
            double firstPair = reports.Count == 0 ? double.NaN : Median([.. reports.Select(r => r["first_store"] + r["first_fetch"])]);
            text.AppendLine(inv, $"| {subject.Name} | {M("setup"):F3} | {M("first_store"):F3} | {M("first_fetch"):F3} | {firstPair:F3} | {M("stores"):F3} | {M("fetches"):F3} | {M("total"):F3} |");
        }

        return text.ToString();
    }

    private static double Median(double[] values) => Percentile(values, 0.5);

    private static double Percentile(double[] values, double p)
    {
        if (values.Length == 0)
        {
            return double.NaN;
        }

        double[] sorted = [.. values.Order()];
        double index = p * (sorted.Length - 1);
        int lower = (int)Math.Floor(index);
        int upper = (int)Math.Ceiling(index);
        return sorted[lower] + ((sorted[upper] - sorted[lower]) * (index - lower));
    }

    /// <summary>The 1-minute load average: other work on the machine shows here.</summary>
    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    private static string Machine()
    {
        string cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";
        return $"{Environment.ProcessorCount} vCPU {cpu}, {RuntimeInformation.OSDescription}";
    }

    private static string Git(string repo, string arguments)
    {
        try
        {
            var start = new ProcessStartInfo("git", $"-C \"{repo}\" {arguments}") { RedirectStandardOutput = true, RedirectStandardError = true };
            using Process process = Process.Start(start)!;
            string output = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return process.ExitCode == 0 ? output : "unknown";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }

    /// <summary>The directory holding Aot.Storage.sln, above the current directory or this assembly.</summary>
    public static string FindRepositoryRoot()
    {
        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (DirectoryInfo? dir = new(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Aot.Storage.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("Aot.Storage.sln not found above the current directory or the harness.");
    }

    private static string? Option(string[] args, string name)
    {
        int index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    private static int IntOption(string[] args, string name, int fallback) =>
        Option(args, name) is string value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;
}
