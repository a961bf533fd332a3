using System.Reflection;

namespace Aot.Storage.Generators.Tests.Infrastructure;

/// <summary>
/// Compares generated sources with the committed baselines in <c>Snapshots/&lt;scenario&gt;/&lt;hint name&gt;.txt</c>.
/// The comparison is exact (only a baseline's CRLF line ends, from a Windows checkout, are read as LF).
/// </summary>
/// <remarks>
/// To accept a change of the generated code, run the tests with the environment variable
/// <c>AOT_STORAGE_UPDATE_SNAPSHOTS=1</c>: every scenario then rewrites its baselines (and deletes baselines
/// of hint names no longer generated) instead of comparing, and passes. Review the diff before committing.
/// </remarks>
internal static class Snapshot
{
    public const string UpdateVariable = "AOT_STORAGE_UPDATE_SNAPSHOTS";

    public static bool Updating => Environment.GetEnvironmentVariable(UpdateVariable) == "1";

    /// <summary>The Snapshots folder of the source tree (recorded at build time, so updates land there, not in bin/).</summary>
    public static string Directory { get; } = typeof(Snapshot).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "SnapshotDirectory")
        .Value!;

    public static void Match(string scenario, IReadOnlyDictionary<string, string> generated)
    {
        Assert.NotEmpty(generated);
        string folder = Path.Combine(Directory, scenario);
        if (Updating)
        {
            System.IO.Directory.CreateDirectory(folder);
            foreach (string stale in System.IO.Directory.GetFiles(folder, "*.txt"))
            {
                if (!generated.ContainsKey(Path.GetFileNameWithoutExtension(stale)))
                {
                    File.Delete(stale);
                }
            }

            foreach ((string hintName, string text) in generated)
            {
                File.WriteAllText(Path.Combine(folder, hintName + ".txt"), text);
            }

            return;
        }

        Assert.True(System.IO.Directory.Exists(folder), $"No baselines for scenario '{scenario}' in {folder}; run the tests with {UpdateVariable}=1 to create them.");
        var baselineNames = System.IO.Directory.GetFiles(folder, "*.txt").Select(p => Path.GetFileNameWithoutExtension(p)!).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(baselineNames, generated.Keys.Order(StringComparer.Ordinal).ToList());
        foreach ((string hintName, string text) in generated)
        {
            string expected = File.ReadAllText(Path.Combine(folder, hintName + ".txt")).Replace("\r\n", "\n", StringComparison.Ordinal);
            if (!string.Equals(expected, text, StringComparison.Ordinal))
            {
                Assert.Fail($"{scenario}/{hintName} differs from its baseline at line {FirstDifferentLine(expected, text)}; "
                    + $"if the change is intended, run the tests with {UpdateVariable}=1 and review the diff.{Environment.NewLine}"
                    + DescribeDifference(expected, text));
            }
        }
    }

    private static int FirstDifferentLine(string expected, string actual)
    {
        string[] left = expected.Split('\n');
        string[] right = actual.Split('\n');
        int line = 0;
        while (line < left.Length && line < right.Length && left[line] == right[line])
        {
            line++;
        }

        return line + 1;
    }

    private static string DescribeDifference(string expected, string actual)
    {
        string[] left = expected.Split('\n');
        string[] right = actual.Split('\n');
        int line = FirstDifferentLine(expected, actual) - 1;
        string expectedLine = line < left.Length ? left[line] : "<end of file>";
        string actualLine = line < right.Length ? right[line] : "<end of file>";
        return $"  baseline:  {expectedLine}{Environment.NewLine}  generated: {actualLine}";
    }
}
