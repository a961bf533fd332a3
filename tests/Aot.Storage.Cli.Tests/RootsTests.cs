using Aot.Storage.Cli.Demo;
using Aot.Storage.Cli.Tests.Support;
using Aot.Storage.FileSystem;

namespace Aot.Storage.Cli.Tests;

/// <summary>The tests that change the process environment run alone.</summary>
[CollectionDefinition(nameof(EnvironmentCollection), DisableParallelization = true)]
public sealed class EnvironmentCollection;

[Collection(nameof(EnvironmentCollection))]
public sealed class RootsTests : IDisposable
{
    private readonly CliSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public void Root_MeansConfigAndRunUnderIt()
    {
        _sandbox.Demo(pods: 1, containers: 1);

        Assert.True(File.Exists(Path.Combine(_sandbox.Root, "config", SampleState.PodId(1), "config.json")));
        Assert.True(File.Exists(Path.Combine(_sandbox.Root, "run", SampleState.PodId(1), "lock")));
    }

    [Fact]
    public void ConfigRootAndRunRoot_AreUsedAsGiven()
    {
        string config = Path.Combine(_sandbox.Root, "c");
        string run = Path.Combine(_sandbox.Root, "r");

        CliResult result = CliSandbox.RunRaw([], "--config-root", config, "--run-root", run, "demo", "--pods", "1", "--containers", "1");

        Assert.Equal(0, result.ExitCode);
        Assert.True(File.Exists(Path.Combine(config, SampleState.PodId(1), "config.json")));
        Assert.True(File.Exists(Path.Combine(run, SampleState.PodId(1), "state.json")));
        Assert.Contains($"  aot-storage --config-root {config} --run-root {run} verify", result.Lines);
    }

    [Fact]
    public void RelativeRoots_AreTakenFromTheCurrentDirectory()
    {
        string previous = Environment.CurrentDirectory;
        Environment.CurrentDirectory = _sandbox.Root;
        try
        {
            CliResult result = CliSandbox.RunRaw([], "--root", "state", "demo", "--pods", "1", "--containers", "1");
            Assert.Equal(0, result.ExitCode);
        }
        finally
        {
            Environment.CurrentDirectory = previous;
        }

        Assert.True(File.Exists(Path.Combine(_sandbox.Root, "state", "config", SampleState.PodId(1), "config.json")));
    }

    [Fact]
    public void WithoutOptions_TheEnvironmentVariablesChooseTheRoots()
    {
        string config = Path.Combine(_sandbox.Root, "env-config");
        string run = Path.Combine(_sandbox.Root, "env-run");
        using (new EnvironmentVariables((FileSystemStoreOptions.ConfigRootVariable, config), (FileSystemStoreOptions.RunRootVariable, run)))
        {
            CliResult demo = CliSandbox.RunRaw([], "demo", "--pods", "1", "--containers", "1");
            Assert.Equal(0, demo.ExitCode);
            Assert.Contains("  aot-storage verify", demo.Lines);

            // An option still wins over the variable for its root.
            string otherRun = Path.Combine(_sandbox.Root, "other-run");
            Assert.Equal(0, CliSandbox.RunRaw([], "--run-root", otherRun, "demo", "--pods", "1", "--containers", "1").ExitCode);
            Assert.True(File.Exists(Path.Combine(otherRun, SampleState.PodId(1), "lock")));
        }

        Assert.True(File.Exists(Path.Combine(config, SampleState.PodId(1), "config.json")));
        Assert.True(File.Exists(Path.Combine(run, SampleState.PodId(1), "lock")));
    }

    [Fact]
    public void RelativeRootInTheEnvironment_IsAUsageError()
    {
        using (new EnvironmentVariables((FileSystemStoreOptions.ConfigRootVariable, "relative/config"), (FileSystemStoreOptions.RunRootVariable, null)))
        {
            CliResult result = CliSandbox.RunRaw([], "--run-root", _sandbox.RunRoot, "ls");

            Assert.Equal(2, result.ExitCode);
            Assert.Contains(FileSystemStoreOptions.ConfigRootVariable, Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        }
    }

    private sealed class EnvironmentVariables : IDisposable
    {
        private readonly (string Name, string? Value)[] _previous;

        public EnvironmentVariables(params (string Name, string? Value)[] values)
        {
            _previous = values.Select(v => (v.Name, Environment.GetEnvironmentVariable(v.Name))).ToArray();
            foreach ((string name, string? value) in values)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }

        public void Dispose()
        {
            foreach ((string name, string? value) in _previous)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }
    }
}
