using System.Diagnostics;
using System.Globalization;
using Aot.Storage.ReliabilityTests.Infrastructure;
using Aot.Storage.StressHelper;
using Aot.Storage.VirtContainers;

namespace Aot.Storage.ReliabilityTests;

/// <summary>
/// G10: every byte-prefix of each Go-written golden file and 1,000 random byte mutations per file, placed in
/// the store as the resource file: the typed fetch returns a value or throws <see cref="CorruptResourceException"/>,
/// nothing else; listing and deleting still work; a verify pass reports exactly the corrupted files.
/// </summary>
public sealed class CorruptInputTests(ITestOutputHelper output)
{
    private const string Pod = "pod";
    private const string Ctr = "c1";

    /// <summary>Each golden file and the (kind, scope) it was written as.</summary>
    internal static readonly (string File, string Kind)[] GoldenFiles =
    [
        ("podconfig.json", "pod-config"), ("podconfig-zero.json", "pod-config"), ("podconfig.after-fetch-restore.json", "pod-config"),
        ("state.json", "pod-state"), ("state-zero.json", "pod-state"),
        ("network.json", "pod-network"), ("network-empty.json", "pod-network"), ("network-physical.json", "pod-network"), ("network-vhostuser.json", "pod-network"),
        ("hypervisor.json", "pod-hypervisor"), ("hypervisor-zero.json", "pod-hypervisor"),
        ("agent.json", "pod-agent"), ("agent-hyperstart.json", "pod-agent"),
        ("container-config.json", "container-config"), ("container-config-zero.json", "container-config"),
        ("container-state.json", "container-state"),
        ("process.json", "container-process"), ("process-zero.json", "container-process"),
        ("mounts.json", "container-mounts"), ("mounts-empty.json", "container-mounts"),
        ("devices.json", "container-devices"), ("devices-empty.json", "container-devices"),
    ];

    public static string GoldenDirectory => Path.Combine(AppContext.BaseDirectory, "golden");

    [Fact]
    public void EveryGoldenFileIsListedHere()
    {
        string[] onDisk = Directory.GetFiles(GoldenDirectory, "*.json").Select(p => Path.GetFileName(p)!).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(onDisk, GoldenFiles.Select(g => g.File).Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public void PrefixesAndMutationsOfEveryGoldenFileFetchOrFailAsCorruptOnly()
    {
        int mutationsPerFile = Reliability.Trials(1000);
        using var roots = TestRoots.InMemory();
        VirtContainersStore store = roots.Store();
        store.CreatePod(Pod);
        store.CreateContainer(Pod, Ctr);
        var random = new Random(10);
        long prefixes = 0, mutations = 0, fetched = 0, corrupt = 0, crossKind = 0;
        var unexpected = new List<string>();
        var sw = Stopwatch.StartNew();
        foreach ((string file, string kindName) in GoldenFiles)
        {
            byte[] golden = File.ReadAllBytes(Path.Combine(GoldenDirectory, file));
            StressKind kind = StressKind.ByName(kindName);
            string path = kind.PathOf(store, Pod, Ctr);

            // The whole file fetches; each strict prefix is corrupt.
            Assert.Equal(Outcome.Value, Try(kind, golden, $"{file} whole"));
            for (int length = 0; length < golden.Length; length++)
            {
                prefixes++;
                if (Try(kind, golden[..length], $"{file} prefix {length}") == Outcome.Value)
                {
                    unexpected.Add($"{file} prefix of {length} bytes fetched as a value");
                }
            }

            for (int i = 0; i < mutationsPerFile; i++)
            {
                mutations++;
                byte[] mutated = Mutate(golden, random);
                Try(kind, mutated, $"{file} mutation {i} ({Convert.ToHexString(mutated.Length <= 64 ? mutated : mutated[..64])}...)");
            }

            // Type confusion: the file under every other kind's name.
            foreach (StressKind other in StressKind.All.Where(k => k != kind))
            {
                crossKind++;
                Try(other, golden, $"{file} as {other.Name}");
            }
        }

        // A corrupt file does not block listing and deleting.
        foreach (StressKind kind in StressKind.All)
        {
            File.WriteAllBytes(kind.PathOf(store, Pod, Ctr), "{\"broken"u8.ToArray());
        }

        Assert.Equal([Pod], store.ListPods());
        Assert.Equal([Ctr], store.ListContainers(Pod));
        Assert.True(store.DeleteContainerDevices(Pod, Ctr));
        Assert.True(store.DeleteContainer(Pod, Ctr));
        Assert.True(store.DeletePod(Pod));
        Assert.Empty(store.ListPods());

        Reliability.Figure(output, "G10", string.Create(CultureInfo.InvariantCulture,
            $"corrupt input: {GoldenFiles.Length} golden files, prefixes={prefixes}, random mutations={mutations} ({mutationsPerFile}/file), cross-kind reads={crossKind}: fetched={fetched} CorruptResourceException={corrupt} other exceptions={unexpected.Count}; list/delete with corrupt files ok; duration={sw.Elapsed.TotalSeconds:0.0}s"));
        Assert.True(unexpected.Count == 0, string.Join("\n", unexpected.Take(30)));

        Outcome Try(StressKind kind, byte[] content, string what)
        {
            string path = kind.PathOf(store, Pod, Ctr);
            File.WriteAllBytes(path, content);
            try
            {
                _ = kind.Fetch(store, Pod, Ctr);
                fetched++;
                return Outcome.Value;
            }
            catch (CorruptResourceException ex)
            {
                corrupt++;
                if (ex.Path != path || ex.ByteOffset < 0 || ex.ByteOffset > content.Length)
                {
                    unexpected.Add($"{what}: CorruptResourceException with path '{ex.Path}' and offset {ex.ByteOffset} of {content.Length}");
                }

                return Outcome.Corrupt;
            }
            catch (Exception ex)
            {
                unexpected.Add($"{what}: {ex.GetType().FullName}: {ex.Message}");
                return Outcome.Other;
            }
        }
    }

    /// <summary>
    /// A verify pass over a tree of 3 pods x 2 containers where random files were truncated finds exactly those:
    /// the library equivalent (every pod, container and kind, fetched) always, and <c>aot-storage verify</c>
    /// itself when the tree has the CLI (src/Aot.Storage.Cli, or <c>$AOT_STORAGE_CLI</c>).
    /// </summary>
    [Fact]
    public void AVerifyPassReportsExactlyTheCorruptedFiles()
    {
        int rounds = Reliability.Trials(20);
        using var roots = new TestRoots();
        VirtContainersStore store = roots.Store();
        var random = new Random(12);
        string[] pods = ["pod-a", "pod-b", "pod-c"];
        string[] ctrs = ["c1", "c2"];
        string? cli = Cli.Locate();
        int corrupted = 0, cliRuns = 0;
        for (int round = 0; round < rounds; round++)
        {
            var expected = new SortedSet<string>(StringComparer.Ordinal);
            foreach (string pod in pods)
            {
                store.CreatePod(pod);
                foreach (string ctr in ctrs)
                {
                    store.CreateContainer(pod, ctr);
                    foreach (StressKind kind in StressKind.All.Where(k => k.ContainerLevel || ctr == "c1"))
                    {
                        byte[] bytes = kind.Serialize(kind.Make(random, random.Next(-1, 2000)));
                        string path = kind.PathOf(store, pod, ctr);
                        if (random.Next(5) == 0)
                        {
                            // A strict prefix of a JSON document never parses.
                            bytes = bytes[..random.Next(bytes.Length)];
                            expected.Add(path);
                        }

                        File.WriteAllBytes(path, bytes);
                    }
                }
            }

            Assert.Equal(expected, Verify(store));
            if (cli is not null && (round < 5 || Reliability.IsLong))
            {
                // "CORRUPT <path>: <reason>" per bad file, sorted, then "FAILED k of n files" (exit 1) or "OK n files" (exit 0).
                (int code, IReadOnlyList<string> lines, string errors) = Cli.Run(cli, "--root", roots.Base, "verify");
                string[] reported = lines.Where(l => l.StartsWith("CORRUPT ", StringComparison.Ordinal))
                    .Select(l => l["CORRUPT ".Length..l.IndexOf(": ", "CORRUPT ".Length, StringComparison.Ordinal)]).ToArray();
                Assert.Equal(expected.ToArray(), reported);
                Assert.Equal(expected.Count == 0 ? 0 : 1, code);
                Assert.Equal(expected.Count == 0 ? $"OK {Total(pods, ctrs)} files" : $"FAILED {expected.Count} of {Total(pods, ctrs)} files", lines[^1]);
                Assert.True(errors.Length == 0, errors);
                cliRuns++;
            }

            corrupted += expected.Count;
            foreach (string pod in pods)
            {
                Assert.True(store.DeletePod(pod));
            }

            Assert.Empty(store.ListPods());
        }

        string how = cli is null
            ? "aot-storage CLI not in this tree (branch cli not merged): library equivalent only"
            : $"library equivalent on every tree and aot-storage verify ({cli}) on {cliRuns}";
        Reliability.Figure(output, "G10", string.Create(CultureInfo.InvariantCulture,
            $"verify: {rounds} trees of 3 pods x 2 containers x 10 kinds, {corrupted} truncated files, reported exactly (0 missed, 0 extra); {how}"));
    }

    /// <summary>Files in a verify tree: 5 pod-level kinds per pod, 5 container-level kinds per container.</summary>
    private static int Total(string[] pods, string[] ctrs) => pods.Length * (5 + (ctrs.Length * 5));

    /// <summary>Every resource file that exists and does not fetch, by path.</summary>
    internal static SortedSet<string> Verify(VirtContainersStore store)
    {
        var bad = new SortedSet<string>(StringComparer.Ordinal);
        foreach (string pod in store.ListPods())
        {
            IEnumerable<(StressKind Kind, string Ctr)> targets = StressKind.All.Where(k => !k.ContainerLevel).Select(k => (k, "unused"))
                .Concat(store.ListContainers(pod).SelectMany(c => StressKind.All.Where(k => k.ContainerLevel).Select(k => (k, c))));
            foreach ((StressKind kind, string ctr) in targets)
            {
                try
                {
                    _ = kind.Fetch(store, pod, ctr);
                }
                catch (ResourceNotFoundException)
                {
                }
                catch (CorruptResourceException ex)
                {
                    bad.Add(ex.Path!);
                }
            }
        }

        return bad;
    }

    /// <summary>1 to 4 edits: a byte replaced (by a random or a JSON-significant byte), inserted, or deleted.</summary>
    internal static byte[] Mutate(byte[] input, Random random)
    {
        ReadOnlySpan<byte> significant = "{}[]\",:0-9eE.+tfn\\u \t\n\0\xff"u8;
        var bytes = new List<byte>(input);
        int edits = 1 + random.Next(4);
        for (int e = 0; e < edits; e++)
        {
            int position = bytes.Count == 0 ? 0 : random.Next(bytes.Count);
            byte value = random.Next(2) == 0 ? (byte)random.Next(256) : significant[random.Next(significant.Length)];
            switch (random.Next(4))
            {
                case 0 when bytes.Count > 0:
                    bytes.RemoveAt(position);
                    break;
                case 1:
                    bytes.Insert(position, value);
                    break;
                default:
                    if (bytes.Count > 0)
                    {
                        bytes[position] = value;
                    }

                    break;
            }
        }

        return [.. bytes];
    }

    private enum Outcome
    {
        Value,
        Corrupt,
        Other,
    }
}
