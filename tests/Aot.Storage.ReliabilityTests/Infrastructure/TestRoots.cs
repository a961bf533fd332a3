using System.Security.Cryptography;
using System.Text;
using Aot.Storage.FileSystem;
using Aot.Storage.VirtContainers;

namespace Aot.Storage.ReliabilityTests.Infrastructure;

/// <summary>
/// A private directory per test: the <c>config/</c> and <c>run/</c> roots, and <c>outside/</c> with a canary
/// file that no operation may read through, write or delete.
/// </summary>
internal sealed class TestRoots : IDisposable
{
    public const string CanaryContent = "canary: must never change";

    public TestRoots(string? baseDirectory = null)
    {
        Base = baseDirectory ?? Path.Combine(Path.GetTempPath(), "aot-storage-reliability", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Base);
        ConfigRoot = Path.Combine(Base, "config");
        RunRoot = Path.Combine(Base, "run");
        Outside = Path.Combine(Base, "outside");
        Directory.CreateDirectory(Outside);
        Canary = Path.Combine(Outside, "canary");
        File.WriteAllText(Canary, CanaryContent);
    }

    public string Base { get; }

    /// <summary>Roots on a tmpfs (/dev/shm) where there is one: for tests that write many files and care about
    /// parsing, not about the disk.</summary>
    public static TestRoots InMemory() =>
        new(Directory.Exists("/dev/shm") ? Path.Combine("/dev/shm", "aot-storage-reliability", Guid.NewGuid().ToString("N")) : null);

    public string ConfigRoot { get; }

    public string RunRoot { get; }

    public string Outside { get; }

    public string Canary { get; }

    /// <summary>The helper's <c>--config</c>/<c>--run</c> arguments.</summary>
    public string[] HelperArgs => ["--config", ConfigRoot, "--run", RunRoot];

    public FileSystemStoreOptions Options(Durability config = Durability.Full, Durability run = Durability.None) =>
        new() { ConfigRoot = ConfigRoot, RunRoot = RunRoot, ConfigDurability = config, RunDurability = run };

    public FileSystemResourceEngine Engine(Durability config = Durability.Full, Durability run = Durability.None) =>
        new(VirtContainersStore.RoutingTable, Options(config, run));

    public VirtContainersStore Store(Durability config = Durability.Full, Durability run = Durability.None) => new(Engine(config, run));

    /// <summary>The four directories a pod with one container has.</summary>
    public string[] PodDirectories(string pod, string ctr) =>
    [
        Path.Combine(ConfigRoot, pod), Path.Combine(ConfigRoot, pod, ctr), Path.Combine(RunRoot, pod), Path.Combine(RunRoot, pod, ctr),
    ];

    public void AssertOutsideUntouched()
    {
        Assert.Equal(CanaryContent, File.ReadAllText(Canary));
        Assert.Equal(["canary"], Directory.GetFileSystemEntries(Outside).Select(p => Path.GetFileName(p)!).ToArray());
    }

    /// <summary>The canary is intact and nothing but it and the test's own <paramref name="victim"/> tree is outside.</summary>
    public void AssertOutsideHoldsOnlyCanaryAnd(string victim)
    {
        Assert.Equal(CanaryContent, File.ReadAllText(Canary));
        Assert.Equal(["canary", Path.GetFileName(victim)], Directory.GetFileSystemEntries(Outside).Select(p => Path.GetFileName(p)!).Order(StringComparer.Ordinal).ToArray());
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Base, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    /// <summary>Every entry under <paramref name="root"/> (links not followed): type, path and content hash.</summary>
    public static string Snapshot(string root)
    {
        var sb = new StringBuilder();
        Walk(new DirectoryInfo(root), string.Empty, sb);
        return sb.ToString();

        static void Walk(DirectoryInfo dir, string relative, StringBuilder sb)
        {
            foreach (FileSystemInfo entry in dir.EnumerateFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal))
            {
                string rel = relative + "/" + entry.Name;
                if (entry.LinkTarget is not null)
                {
                    sb.Append("L ").Append(rel).Append(" -> ").Append(entry.LinkTarget).Append('\n');
                }
                else if (entry is DirectoryInfo sub)
                {
                    sb.Append("D ").Append(rel).Append('\n');
                    Walk(sub, rel, sb);
                }
                else
                {
                    sb.Append("F ").Append(rel).Append(' ').Append(Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(entry.FullName)))).Append('\n');
                }
            }
        }
    }
}
