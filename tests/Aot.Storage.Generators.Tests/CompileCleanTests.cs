using System.Collections.Immutable;
using Aot.Storage.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Emit;

namespace Aot.Storage.Generators.Tests;

/// <summary>
/// The generated code compiles without a single warning and emits, for the test declarations and for a set
/// over the real virtcontainers model. The test compilations have no global usings (the generated code may
/// not rely on the consumer's), nullable enabled, every warning wave, and documentation comments checked
/// (as with GenerateDocumentationFile).
/// </summary>
public sealed class CompileCleanTests
{
    public static TheoryData<string> Scenarios => new()
    {
        ScenarioRuns.PodContainerLock,
        ScenarioRuns.Unions,
        ScenarioRuns.VirtContainers,
    };

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void DeclarationAloneCompilesCleanly(string scenario)
    {
        GeneratorRun run = ScenarioRuns.Get(scenario);

        ImmutableArray<Diagnostic> before = TestCompilation.WarningsAndErrors(run.Input);
        Assert.True(before.IsEmpty, "The declaration itself does not compile cleanly:" + Environment.NewLine + TestCompilation.Describe(before));
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void GeneratedCodeCompilesWithoutWarnings(string scenario)
    {
        GeneratorRun run = ScenarioRuns.Get(scenario).AssertNoGeneratorFailure();

        Assert.Equal(3, run.Result.GeneratedSources.Length);
        run.AssertOutputCompilesCleanly();
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void GeneratedCodeEmits(string scenario)
    {
        GeneratorRun run = ScenarioRuns.Get(scenario).AssertNoGeneratorFailure();

        using var stream = new MemoryStream();
        EmitResult result = run.Output.Emit(stream);

        Assert.True(result.Success, TestCompilation.Describe(result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        Assert.True(stream.Length > 0);
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task ValidDeclarationHasNoAnalyzerDiagnostics(string scenario)
    {
        ImmutableArray<Diagnostic> diagnostics = await AnalyzerHarness.AnalyzeAsync(ScenarioRuns.Get(scenario).Input);

        Assert.True(diagnostics.IsEmpty, TestCompilation.Describe(diagnostics));
    }
}
