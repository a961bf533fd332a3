using Aot.Storage.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Aot.Storage.Generators.Tests;

/// <summary>
/// The pipeline caches: a rerun on the same compilation is fully cached; an edit that does not touch the
/// declaration leaves the model unchanged and the outputs cached; a payload edit in another file changes
/// the model and the output (no stale code across files).
/// </summary>
public sealed class IncrementalTests
{
    private const string StoreFile = """
        using Aot.Storage;

        namespace Sample.Incremental;

        [ResourceSet]
        [ResourceKind("config", "config.json", StorageRoot.Config, PodPayload = typeof(Spec))]
        [ResourceKind("lock", "lock", StorageRoot.Run, Scope = ResourceScope.Pod, IsLock = true)]
        public sealed partial class Store
        {
        }
        """;

    private const string PayloadFile = """
        using System.Collections.Generic;

        namespace Sample.Incremental;

        public sealed class Spec
        {
            public string Name { get; set; } = "";

            public List<Part>? Parts { get; set; }
        }

        public sealed class Part
        {
            public int Index { get; set; }
        }
        """;

    private const string OtherFile = """
        namespace Sample.Incremental;

        public static class Unrelated
        {
            public static int Next(int value)
            {
                return value + 1;
            }
        }
        """;

    private static readonly string[] s_pipelineSteps = [TrackingNames.Declarations, TrackingNames.Model, TrackingNames.ValidModel];

    private static readonly IncrementalStepRunReason[] s_notRecomputed = [IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged];

    [Fact]
    public void RerunOnTheSameCompilationIsFullyCached()
    {
        Compilation compilation = Create();
        GeneratorRun first = GeneratorHarness.Run(compilation).AssertNoGeneratorFailure();
        Assert.Equal(3, first.Result.GeneratedSources.Length);

        GeneratorRun second = GeneratorHarness.Run(compilation, first.Driver).AssertNoGeneratorFailure();

        AssertPipelineStepsRan(second.Result);
        foreach (string step in s_pipelineSteps)
        {
            Assert.All(Reasons(second.Result.TrackedSteps[step]), reason => Assert.Equal(IncrementalStepRunReason.Cached, reason));
        }

        // Roslyn's own steps inside ForAttributeWithMetadataName may recompute an equal value (Unchanged).
        Assert.All(second.Result.TrackedSteps, step => Assert.All(Reasons(step.Value), reason => Assert.Contains(reason, s_notRecomputed)));
        Assert.All(OutputReasons(second.Result), reason => Assert.Equal(IncrementalStepRunReason.Cached, reason));
        Assert.Equal(first.Sources, second.Sources);
    }

    [Fact]
    public void AddingAnUnrelatedFileKeepsTheModelAndTheOutputs()
    {
        Compilation compilation = Create();
        GeneratorRun first = GeneratorHarness.Run(compilation).AssertNoGeneratorFailure();

        Compilation edited = compilation.AddSyntaxTrees(TestCompilation.Parse("namespace Sample.Elsewhere;\n\npublic sealed class Added\n{\n}\n", "Added.cs"));
        GeneratorRun second = GeneratorHarness.Run(edited, first.Driver).AssertNoGeneratorFailure();

        AssertUnchangedModelAndCachedOutputs(first, second);
    }

    [Fact]
    public void EditingAnUnrelatedMethodBodyKeepsTheModelAndTheOutputs()
    {
        Compilation compilation = Create();
        GeneratorRun first = GeneratorHarness.Run(compilation).AssertNoGeneratorFailure();

        Compilation edited = Replace(compilation, "Other.cs", OtherFile.Replace("value + 1", "value + 2", StringComparison.Ordinal));
        GeneratorRun second = GeneratorHarness.Run(edited, first.Driver).AssertNoGeneratorFailure();

        AssertUnchangedModelAndCachedOutputs(first, second);
    }

    [Fact]
    public void EditingTheSetFileWithoutChangingTheDeclarationKeepsTheOutputs()
    {
        Compilation compilation = Create();
        GeneratorRun first = GeneratorHarness.Run(compilation).AssertNoGeneratorFailure();

        Compilation edited = Replace(compilation, "Store.cs", StoreFile.Replace("public sealed partial class Store", "// The pod store.\npublic sealed partial class Store", StringComparison.Ordinal));
        GeneratorRun second = GeneratorHarness.Run(edited, first.Driver).AssertNoGeneratorFailure();

        AssertUnchangedModelAndCachedOutputs(first, second);
    }

    [Fact]
    public void AddingAPropertyToAPayloadInAnotherFileRegeneratesTheCode()
    {
        Compilation compilation = Create();
        GeneratorRun first = GeneratorHarness.Run(compilation).AssertNoGeneratorFailure();

        Compilation edited = Replace(compilation, "Payload.cs", PayloadFile.Replace(
            "    public int Index { get; set; }\n",
            "    public int Index { get; set; }\n\n    public ulong Weight { get; set; }\n",
            StringComparison.Ordinal));
        GeneratorRun second = GeneratorHarness.Run(edited, first.Driver).AssertNoGeneratorFailure();

        AssertPipelineStepsRan(second.Result);
        Assert.All(Reasons(second.Result.TrackedSteps[TrackingNames.Model]), reason => Assert.Equal(IncrementalStepRunReason.Modified, reason));
        Assert.All(Reasons(second.Result.TrackedSteps[TrackingNames.ValidModel]), reason => Assert.Equal(IncrementalStepRunReason.Modified, reason));
        Assert.Contains(IncrementalStepRunReason.Modified, OutputReasons(second.Result));

        string codecs = Assert.Single(second.Sources, s => s.Key.EndsWith(".Codecs.g.cs", StringComparison.Ordinal)).Value;
        Assert.DoesNotContain("Weight", Assert.Single(first.Sources, s => s.Key.EndsWith(".Codecs.g.cs", StringComparison.Ordinal)).Value, StringComparison.Ordinal);
        Assert.Contains("value.Weight = global::Aot.Storage.Json.JsonReading.ReadUInt64(", codecs, StringComparison.Ordinal);
        Assert.Contains("\\\"Weight\\\":\"u8", codecs, StringComparison.Ordinal);
        second.AssertOutputCompilesCleanly();
    }

    [Fact]
    public void AddingAKindChangesTheModelAndTheStore()
    {
        Compilation compilation = Create();
        GeneratorRun first = GeneratorHarness.Run(compilation).AssertNoGeneratorFailure();

        Compilation edited = Replace(compilation, "Store.cs", StoreFile.Replace(
            "[ResourceKind(\"lock\"",
            "[ResourceKind(\"parts\", \"parts.json\", StorageRoot.Run, ContainerPayload = typeof(System.Collections.Generic.List<Part>))]\n[ResourceKind(\"lock\"",
            StringComparison.Ordinal));
        GeneratorRun second = GeneratorHarness.Run(edited, first.Driver).AssertNoGeneratorFailure();

        Assert.All(Reasons(second.Result.TrackedSteps[TrackingNames.Model]), reason => Assert.Equal(IncrementalStepRunReason.Modified, reason));
        string store = Assert.Single(second.Sources, s => s.Key.EndsWith("Store.g.cs", StringComparison.Ordinal)).Value;
        Assert.Contains("public void StoreContainerParts(string podId, string containerId, ", store, StringComparison.Ordinal);
    }

    private static Compilation Create() =>
        TestCompilation.Create(
            new TestSource("Store.cs", StoreFile),
            new TestSource("Payload.cs", PayloadFile),
            new TestSource("Other.cs", OtherFile));

    private static Compilation Replace(Compilation compilation, string path, string text)
    {
        SyntaxTree old = Assert.Single(compilation.SyntaxTrees, t => t.FilePath == path);
        return compilation.ReplaceSyntaxTree(old, TestCompilation.Parse(text, path));
    }

    private static void AssertUnchangedModelAndCachedOutputs(GeneratorRun first, GeneratorRun second)
    {
        GeneratorRunResult result = second.Result;
        AssertPipelineStepsRan(result);

        // The model is rebuilt from the new compilation (its input changed) and compares equal to the old one.
        Assert.All(Reasons(result.TrackedSteps[TrackingNames.Model]), reason => Assert.Equal(IncrementalStepRunReason.Unchanged, reason));
        Assert.All(Reasons(result.TrackedSteps[TrackingNames.ValidModel]), reason => Assert.Contains(reason, s_notRecomputed));
        Assert.All(OutputReasons(result), reason => Assert.Equal(IncrementalStepRunReason.Cached, reason));
        Assert.Equal(first.Sources, second.Sources);
    }

    private static void AssertPipelineStepsRan(GeneratorRunResult result)
    {
        foreach (string step in s_pipelineSteps)
        {
            Assert.True(result.TrackedSteps.ContainsKey(step), $"No tracked step '{step}'; the tests rely on the generator's tracking names.");
            Assert.NotEmpty(Reasons(result.TrackedSteps[step]));
        }

        Assert.NotEmpty(OutputReasons(result));
    }

    private static IEnumerable<IncrementalStepRunReason> Reasons(IEnumerable<IncrementalGeneratorRunStep> steps) =>
        steps.SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();

    private static IEnumerable<IncrementalStepRunReason> OutputReasons(GeneratorRunResult result) =>
        result.TrackedOutputSteps.SelectMany(kv => kv.Value).SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
}
