using Aot.Storage.Tests.Trimming;

namespace Aot.Storage.Cli.Tests;

/// <summary>The shipped tool references no reflection or run-time code generation: proven from its IL metadata.</summary>
public sealed class ReflectionFreeTests
{
    [Fact]
    public void Cli_assembly_references_no_reflection()
    {
        string path = typeof(CliApp).Assembly.Location;

        IReadOnlyList<string> findings = ReflectionUsageScanner.Scan(path);

        Assert.True(findings.Count == 0, $"{Path.GetFileName(path)} references reflection:{Environment.NewLine}{string.Join(Environment.NewLine, findings)}");
    }
}
