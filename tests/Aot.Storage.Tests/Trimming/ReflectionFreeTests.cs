using Aot.Storage.VirtContainers;

namespace Aot.Storage.Tests.Trimming;

/// <summary>The shipped assemblies reference no reflection or run-time code generation: proven from their IL metadata.</summary>
public sealed class ReflectionFreeTests
{
    [Fact]
    public void Library_assembly_references_no_reflection()
    {
        string path = typeof(VirtContainersStore).Assembly.Location;

        IReadOnlyList<string> findings = ReflectionUsageScanner.Scan(path);

        Assert.True(findings.Count == 0, $"{Path.GetFileName(path)} references reflection:{Environment.NewLine}{string.Join(Environment.NewLine, findings)}");
    }

    [Fact]
    public void Scanner_finds_reflection_in_an_assembly_that_uses_it()
    {
        // This test assembly reaches System.Reflection.Assembly (typeof(...).Assembly above): the scanner must see it.
        IReadOnlyList<string> findings = ReflectionUsageScanner.Scan(typeof(ReflectionFreeTests).Assembly.Location);

        Assert.Contains("type System.Reflection.Assembly", findings);
    }
}
