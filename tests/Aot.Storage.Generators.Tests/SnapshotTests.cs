using Aot.Storage.Generators.Tests.Infrastructure;

namespace Aot.Storage.Generators.Tests;

/// <summary>
/// The generated sources of the test declarations, compared exactly with the committed baselines under
/// Snapshots/&lt;scenario&gt;/&lt;hint name&gt;.txt. Set AOT_STORAGE_UPDATE_SNAPSHOTS=1 to rewrite the baselines
/// instead (see <see cref="Snapshot"/> and README.md).
/// </summary>
public sealed class SnapshotTests
{
    [Fact]
    public void PodContainerLock() => Verify(ScenarioRuns.PodContainerLock, "Sample.Basic.SampleStore.g.cs", "Sample.Basic.SampleStore.Codecs.g.cs", "Sample.Basic.SampleStore.SampleStoreJsonContext.g.cs");

    [Fact]
    public void Unions() => Verify(ScenarioRuns.Unions, "Sample.Unions.AgentStore.g.cs", "Sample.Unions.AgentStore.Codecs.g.cs", "Sample.Unions.AgentStore.AgentJsonContext.g.cs");

    private static void Verify(string scenario, params string[] hintNames)
    {
        GeneratorRun run = ScenarioRuns.Get(scenario).AssertNoGeneratorFailure();

        Assert.Equal(hintNames.Order(StringComparer.Ordinal), run.Sources.Keys.Order(StringComparer.Ordinal));
        Snapshot.Match(scenario, run.Sources);
    }
}
