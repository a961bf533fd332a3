using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Aot.Storage.Generators.Tests.Infrastructure;

/// <summary>What one run of the generator gave.</summary>
internal sealed class GeneratorRun
{
    public GeneratorRun(GeneratorDriver driver, Compilation input, Compilation output, ImmutableArray<Diagnostic> generatorDiagnostics)
    {
        Driver = driver;
        Input = input;
        Output = output;
        GeneratorDiagnostics = generatorDiagnostics;
        RunResult = driver.GetRunResult();
    }

    /// <summary>The driver after the run, to run again incrementally.</summary>
    public GeneratorDriver Driver { get; }

    public Compilation Input { get; }

    /// <summary>The input compilation with the generated trees added.</summary>
    public Compilation Output { get; }

    public ImmutableArray<Diagnostic> GeneratorDiagnostics { get; }

    public GeneratorDriverRunResult RunResult { get; }

    public GeneratorRunResult Result => Assert.Single(RunResult.Results);

    /// <summary>Generated sources by hint name.</summary>
    public IReadOnlyDictionary<string, string> Sources =>
        Result.GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString(), StringComparer.Ordinal);

    /// <summary>Fails unless the generator ran without exception and reported nothing.</summary>
    public GeneratorRun AssertNoGeneratorFailure()
    {
        Assert.Null(Result.Exception);
        Assert.True(GeneratorDiagnostics.IsEmpty, TestCompilation.Describe(GeneratorDiagnostics));
        return this;
    }

    /// <summary>Fails unless the output compilation (declarations plus generated code) has no warning or error.</summary>
    public GeneratorRun AssertOutputCompilesCleanly()
    {
        ImmutableArray<Diagnostic> problems = TestCompilation.WarningsAndErrors(Output);
        Assert.True(problems.IsEmpty, "The generated code does not compile cleanly:" + Environment.NewLine + TestCompilation.Describe(problems));
        return this;
    }
}

/// <summary>Runs <see cref="ResourceSetGenerator"/> through a <see cref="CSharpGeneratorDriver"/> that tracks its steps.</summary>
internal static class GeneratorHarness
{
    public static GeneratorDriver CreateDriver() =>
        CSharpGeneratorDriver.Create(
            new[] { new ResourceSetGenerator().AsSourceGenerator() },
            parseOptions: TestCompilation.ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    public static GeneratorRun Run(Compilation compilation, GeneratorDriver? driver = null)
    {
        GeneratorDriver next = (driver ?? CreateDriver()).RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
        return new GeneratorRun(next, compilation, output, diagnostics);
    }

    public static GeneratorRun Run(string source) => Run(TestCompilation.Create(source));
}
