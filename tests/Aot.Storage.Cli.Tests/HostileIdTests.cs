using Aot.Storage.Cli.Demo;
using Aot.Storage.Cli.Tests.Support;

namespace Aot.Storage.Cli.Tests;

/// <summary>IDs that are not one safe path component are refused with exit code 4 before anything is touched.</summary>
public sealed class HostileIdTests : IDisposable
{
    private readonly CliSandbox _sandbox = new();
    private readonly string _podId = SampleState.PodId(1);
    private readonly string _containerId = SampleState.ContainerId(1, 1);

    public HostileIdTests()
    {
        _sandbox.Demo(pods: 1, containers: 2);

        // A victim next to the roots: "../x" from a root would name it.
        File.WriteAllText(Path.Combine(_sandbox.Root, "x"), "victim");
    }

    public static TheoryData<string> HostileIds => new() { "../x", "a/b", "lock", "-rf", "abc\n", "..", ".", "", "config.json", "/etc", "a\0b" };

    public void Dispose() => _sandbox.Dispose();

    [Theory]
    [MemberData(nameof(HostileIds))]
    public void HostilePodId_IsRefused_ByEveryCommand(string id)
    {
        string[][] commands =
        [
            ["ls", id],
            ["show", id, "state"],
            ["show", id, _containerId, "devices"],
            ["put", id, "state"],
            ["put", id, "state", "--create"],
            ["rm", id],
            ["rm", "--force", id],
            ["rm", id, "state"],
            ["rm", id, _containerId],
            ["lock", id, "--", "true"],
        ];
        foreach (string[] command in commands)
        {
            AssertRefused(command);
        }
    }

    [Theory]
    [MemberData(nameof(HostileIds))]
    public void HostileContainerId_IsRefused_ByEveryCommand(string id)
    {
        string[][] commands =
        [
            ["show", _podId, id, "devices"],
            ["put", _podId, id, "state", "-"],
            ["put", _podId, id, "state", "-", "--create"],
            ["rm", _podId, id, "devices"],
            ["rm", "--force", _podId, id, "state"],
        ];
        foreach (string[] command in commands)
        {
            AssertRefused(command);
        }
    }

    [Theory]
    [InlineData("../x")]
    [InlineData("a/b")]
    [InlineData("lock")]
    [InlineData("-rf")]
    [InlineData("abc\n")]
    public void HostileContainerId_InRmPodX_IsRefused(string id)
    {
        // Not a resource name, so "rm POD X" takes it as a container ID.
        AssertRefused(["rm", _podId, id]);
    }

    private void AssertRefused(string[] command)
    {
        TreeSnapshot before = _sandbox.Snapshot();

        CliResult result = _sandbox.RunWithInput("{\"state\":\"ready\"}", command);

        string shown = string.Join(' ', command).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\0", "\\0", StringComparison.Ordinal);
        Assert.True(result.ExitCode == 4, $"{shown}: {result}");
        Assert.Empty(result.Stdout);
        string line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("aot-storage: ", line, StringComparison.Ordinal);
        Assert.Contains(" ID ", line, StringComparison.Ordinal);
        before.AssertEqual(_sandbox.Snapshot());
    }
}
