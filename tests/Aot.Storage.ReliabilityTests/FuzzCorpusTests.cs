using System.Diagnostics;
using System.Globalization;
using Aot.Storage.Fuzz;
using Aot.Storage.ReliabilityTests.Infrastructure;

namespace Aot.Storage.ReliabilityTests;

/// <summary>
/// G12 in the test command: every fuzz target (tests/Aot.Storage.Fuzz) replays its corpus (the golden seeds
/// and tests/Aot.Storage.Fuzz/corpus/&lt;target&gt;/), then runs a bounded, seeded mutation pass. An exception
/// other than the documented one, a value that does not round-trip, or an input slower than 1 s fails.
/// The long AFL++ runs are described in docs/reliability.md.
/// </summary>
public sealed class FuzzCorpusTests(ITestOutputHelper output)
{
    private static readonly TimeSpan s_slowInput = TimeSpan.FromSeconds(1);

    public static TheoryData<string> Targets() => [.. FuzzTargets.Names];

    [Theory]
    [MemberData(nameof(Targets))]
    public void TheCorpusReplaysAndMutationsFindNothing(string target)
    {
        List<(string Name, byte[] Input)> corpus = Corpus(target);
        Assert.NotEmpty(corpus);
        var findings = new List<string>();
        TimeSpan slowest = TimeSpan.Zero;
        var sw = Stopwatch.StartNew();
        foreach ((string name, byte[] input) in corpus)
        {
            Check(name, input);
        }

        int replayed = corpus.Count;
        int mutations = Reliability.Trials(target == "fetch" ? 2000 : 5000);
        var random = new Random(target.GetHashCode(StringComparison.Ordinal) & 0x7fffffff ^ 12);
        for (int i = 0; i < mutations; i++)
        {
            byte[] input = corpus[random.Next(corpus.Count)].Input;
            if (random.Next(8) == 0)
            {
                // Splice: the head of one input and the tail of another.
                byte[] other = corpus[random.Next(corpus.Count)].Input;
                input = [.. input.AsSpan(0, random.Next(input.Length + 1)), .. other.AsSpan(random.Next(other.Length + 1))];
            }

            // The fetch target's first byte picks the kind: keep it.
            byte[] mutated = target == "fetch" && input.Length > 0
                ? [input[0], .. CorruptInputTests.Mutate(input[1..], random)]
                : CorruptInputTests.Mutate(input, random);
            Check($"mutation {i} {Convert.ToHexString(mutated)}", mutated);
        }

        Reliability.Figure(output, "G12", string.Create(CultureInfo.InvariantCulture,
            $"fuzz target {target}: corpus replayed={replayed} mutations={mutations} findings={findings.Count} slowest-input={slowest.TotalMilliseconds:0.0}ms duration={sw.Elapsed.TotalSeconds:0.0}s"));
        Assert.True(findings.Count == 0, string.Join("\n", findings.Take(20)));

        void Check(string name, byte[] input)
        {
            var watch = Stopwatch.StartNew();
            try
            {
                FuzzTargets.Run(target, input);
            }
            catch (Exception ex)
            {
                findings.Add($"{target} {name}: {ex.GetType().FullName}: {ex.Message}");
            }

            TimeSpan elapsed = watch.Elapsed;
            slowest = elapsed > slowest ? elapsed : slowest;
            if (elapsed > s_slowInput)
            {
                findings.Add($"{target} {name}: took {elapsed.TotalMilliseconds:0} ms");
            }
        }
    }

    /// <summary>Seeds from the golden files plus the committed corpus; the fetch target gets every codec target's corpus with its kind byte.</summary>
    private static List<(string Name, byte[] Input)> Corpus(string target)
    {
        var inputs = FuzzTargets.Seeds(target, CorruptInputTests.GoldenDirectory).ToList();
        string root = Path.Combine(AppContext.BaseDirectory, "fuzz-corpus");
        inputs.AddRange(Files(Path.Combine(root, target)));
        if (target == "fetch")
        {
            // Fetch kinds, in the order of FuzzTargets' first byte.
            string[] codecTargets = ["pod-config", "state", "network", "hypervisor", "agent", "container-config", "state", "process", "mounts", "devices"];
            for (int kind = 0; kind < codecTargets.Length; kind++)
            {
                foreach ((string name, byte[] input) in Files(Path.Combine(root, codecTargets[kind])))
                {
                    inputs.Add(($"{kind}/{name}", [(byte)kind, .. input]));
                }
            }
        }

        return inputs;

        static IEnumerable<(string, byte[])> Files(string dir) => Directory.Exists(dir)
            ? Directory.GetFiles(dir).Order(StringComparer.Ordinal).Select(f => (Path.GetFileName(f)!, File.ReadAllBytes(f)))
            : [];
    }
}
