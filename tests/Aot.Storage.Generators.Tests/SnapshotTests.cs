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
    public void PodContainerLock() => Verify(ScenarioRuns.PodContainerLock, "SampleStore.g.cs", "SampleStore.Codecs.g.cs", "SampleStoreJsonContext.g.cs");

    [Fact]
    public void Unions() => Verify(ScenarioRuns.Unions, "AgentStore.g.cs", "AgentStore.Codecs.g.cs", "AgentJsonContext.g.cs");

    private static void Verify(string scenario, params string[] hintNames)
    {
        GeneratorRun run = ScenarioRuns.Get(scenario).AssertNoGeneratorFailure();

        Assert.Equal(hintNames.Order(StringComparer.Ordinal), run.Sources.Keys.Order(StringComparer.Ordinal));
        Snapshot.Match(scenario, run.Sources);
    }
}
