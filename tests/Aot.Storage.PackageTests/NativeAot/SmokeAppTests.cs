using Aot.Storage.PackageTests.Infrastructure;
using Xunit.Abstractions;

namespace Aot.Storage.PackageTests.NativeAot;

/// <summary>
/// tests/Aot.Storage.AotSmoke, published with NativeAOT with the whole library rooted: no trimming or AOT
/// warning, and the binary passes every check of every resource kind and union case.
/// </summary>
[Collection(PublishingCollection.Name)]
public sealed class SmokeAppTests
{
    private readonly PublishedArtifacts _artifacts;
    private readonly ITestOutputHelper _output;

    public SmokeAppTests(PublishedArtifacts artifacts, ITestOutputHelper output)
    {
        _artifacts = artifacts;
        _output = output;
    }

    [Fact]
    public void Publishes_without_trimming_or_AOT_warnings()
    {
        NativeAotApp app = _artifacts.SmokeApp;

        IReadOnlyList<string> warnings = BuildWarnings.TrimmingAndAot(app.Publish);

        Assert.True(warnings.Count == 0, $"{warnings.Count} trimming/AOT diagnostics:{Environment.NewLine}{string.Join(Environment.NewLine, warnings)}");
        Assert.True(app.Published, app.Publish.Describe());
        _output.WriteLine($"{Path.GetFileName(app.BinaryPath)}: {app.BinarySize:N0} bytes, published in {app.Publish.Elapsed.TotalSeconds:F0} s");
    }

    [Fact]
    public void Compiler_analyses_the_whole_library_and_reports_each_warning()
    {
        NativeAotApp app = _artifacts.SmokeApp;
        Assert.True(app.Published, app.Publish.Describe());

        string[] arguments = File.ReadAllLines(app.CompilerArgumentsPath!);

        // TrimmerRootAssembly: every member of Aot.Storage is compiled, used by the app or not.
        Assert.Contains("--root:Aot.Storage", arguments);
        // TrimmerSingleWarn=false: no warning is folded into one per assembly.
        Assert.DoesNotContain("--singlewarn", arguments);
        Assert.Contains("--nosinglewarnassembly:Aot.Storage", arguments);
        Assert.Contains("--feature:System.Globalization.Invariant=true", arguments);
    }

    [Fact]
    public void Binary_passes_every_check()
    {
        CommandResult run = _artifacts.SmokeApp.Run();
        string[] lines = [.. run.Lines];

        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Matches(@"^AOT smoke passed: \d+ checks$", lines[^1]);
        Assert.DoesNotContain(lines, line => line.StartsWith("FAIL", StringComparison.Ordinal));
        string[] scenarios = [.. lines.Where(line => line.StartsWith("ok ", StringComparison.Ordinal))];
        Assert.Equal(13, scenarios.Length);
        Assert.Contains(scenarios, s => s.Contains("device union: every case and an unknown tag", StringComparison.Ordinal));
        Assert.Contains(scenarios, s => s.Contains("pod lock", StringComparison.Ordinal));
        Assert.Contains(scenarios, s => s.Contains("read-modify-write", StringComparison.Ordinal));
        _output.WriteLine(run.Output);
    }

    [Fact]
    public void Binary_contains_the_JsonSerializer_machinery_it_uses()
    {
        // The smoke app calls JsonSerializer with the generated context: the control for the store-only test's pattern.
        NativeAotMap map = _artifacts.SmokeApp.LoadMap();

        Assert.NotEmpty(map.NamesMatching(SerializerMachinery.Pattern()));
        _output.WriteLine($"System.Text.Json nodes: {map.BytesMatching(SerializerMachinery.AnySystemTextJson()):N0} bytes, of which serializer: {map.BytesMatching(SerializerMachinery.Pattern()):N0} bytes");
    }
}
