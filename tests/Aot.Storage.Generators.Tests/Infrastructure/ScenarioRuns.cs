using System.Collections.Concurrent;
using Aot.Storage.Generators.Tests.Scenarios;

namespace Aot.Storage.Generators.Tests.Infrastructure;

/// <summary>
/// One generator run per scenario for the whole test run: compiling the generated code of the
/// virtcontainers model takes seconds, so the tests that only read a run share it.
/// </summary>
internal static class ScenarioRuns
{
    public const string PodContainerLock = nameof(Declarations.PodContainerLock);
    public const string Unions = nameof(Declarations.Unions);
    public const string VirtContainers = nameof(Declarations.VirtContainers);

    private static readonly ConcurrentDictionary<string, Lazy<GeneratorRun>> s_runs = new(StringComparer.Ordinal);

    public static string Source(string scenario) => scenario switch
    {
        PodContainerLock => Declarations.PodContainerLock,
        Unions => Declarations.Unions,
        VirtContainers => Declarations.VirtContainers,
        _ => throw new ArgumentOutOfRangeException(nameof(scenario), scenario, null),
    };

    public static GeneratorRun Get(string scenario) =>
        s_runs.GetOrAdd(scenario, static name => new Lazy<GeneratorRun>(() => GeneratorHarness.Run(Source(name)))).Value;
}
