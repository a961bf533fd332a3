namespace Aot.Storage.Benchmarks.Tests;

/// <summary>Keeps the BenchmarkDotNet suite from rotting: every benchmark runs once and its results are checked.</summary>
public sealed class BenchmarkSmokeTests
{
    [Fact]
    public void EveryBenchmarkRunsOnceWithByteIdenticalResults()
    {
        using var log = new StringWriter();
        int exitCode = Smoke.Run(log);
        Assert.True(exitCode == 0, log.ToString());
        Assert.Contains("checks passed", log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void SuiteCoversEveryPayloadAndResourceKind()
    {
        Assert.Equal(4, Enum.GetValues<PayloadKind>().Length);
        Assert.Equal(10, Enum.GetValues<ResourceCase>().Length);
        foreach (string golden in new[] { "podconfig.json", "container-config.json", "devices.json", "network.json" })
        {
            Assert.Contains(golden, Golden.Names);
        }
    }
}
