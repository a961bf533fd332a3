using Aot.Storage.Cli.Demo;
using Aot.Storage.Cli.Tests.Support;

namespace Aot.Storage.Cli.Tests;

public sealed class RemoveTests : IDisposable
{
    private readonly CliSandbox _sandbox = new();
    private readonly string _podId = SampleState.PodId(1);
    private readonly string _otherPodId = SampleState.PodId(2);
    private readonly string _sandboxContainerId = SampleState.ContainerId(1, 0);
    private readonly string _containerId = SampleState.ContainerId(1, 1);

    public RemoveTests()
    {
        _sandbox.Demo(pods: 2, containers: 2);
    }

    public void Dispose() => _sandbox.Dispose();

    [Theory]
    [InlineData("config")]
    [InlineData("state")]
    [InlineData("network")]
    [InlineData("hypervisor")]
    [InlineData("agent")]
    public void Rm_PodResource_DeletesThatFileOnly(string resource)
    {
        TreeSnapshot before = _sandbox.Snapshot();

        CliResult result = _sandbox.Run("rm", _podId, resource);

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Stdout);
        Assert.Equal(string.Empty, result.Stderr);
        string path = _sandbox.ResourcePath(_podId, null, resource);
        Assert.False(File.Exists(path));
        AssertOnlyRemoved(before, path);
    }

    [Theory]
    [InlineData("config")]
    [InlineData("state")]
    [InlineData("process")]
    [InlineData("mounts")]
    [InlineData("devices")]
    public void Rm_ContainerResource_DeletesThatFileOnly(string resource)
    {
        TreeSnapshot before = _sandbox.Snapshot();

        CliResult result = _sandbox.Run("rm", _podId, _containerId, resource);

        Assert.Equal(0, result.ExitCode);
        string path = _sandbox.ResourcePath(_podId, _containerId, resource);
        Assert.False(File.Exists(path));
        AssertOnlyRemoved(before, path);
    }

    [Fact]
    public void Rm_Container_DeletesItsDirectoriesInBothRoots()
    {
        CliResult result = _sandbox.Run("rm", _podId, _containerId);

        Assert.Equal(0, result.ExitCode);
        Assert.False(Directory.Exists(Path.Combine(_sandbox.ConfigRoot, _podId, _containerId)));
        Assert.False(Directory.Exists(Path.Combine(_sandbox.RunRoot, _podId, _containerId)));
        Assert.Equal([_sandboxContainerId], _sandbox.Run("ls", _podId).Lines);
        Assert.True(File.Exists(_sandbox.ResourcePath(_podId, null, "config")));
        Assert.True(File.Exists(_sandbox.LockPath(_podId)));
    }

    [Fact]
    public void Rm_Pod_DeletesBothTrees_AndLeavesTheOtherPod()
    {
        TreeSnapshot otherBefore = TreeSnapshot.Take(_sandbox.PodPath(StorageRoot.Run, _otherPodId));

        CliResult result = _sandbox.Run("rm", _podId);

        Assert.Equal(0, result.ExitCode);
        Assert.False(Directory.Exists(_sandbox.PodPath(StorageRoot.Config, _podId)));
        Assert.False(Directory.Exists(_sandbox.PodPath(StorageRoot.Run, _podId)));
        Assert.Equal([_otherPodId], _sandbox.Run("ls").Lines);
        otherBefore.AssertEqual(TreeSnapshot.Take(_sandbox.PodPath(StorageRoot.Run, _otherPodId)));
    }

    [Fact]
    public void Rm_MissingThings_AreNotFound_UnlessForced()
    {
        Assert.Equal(0, _sandbox.Run("rm", _podId, "agent").ExitCode);

        CliResult resource = _sandbox.Run("rm", _podId, "agent");
        Assert.Equal(3, resource.ExitCode);
        Assert.Equal(
            $"aot-storage: Resource file does not exist (pod '{_podId}', resource 'agent', path '{_sandbox.RunRoot}/{_podId}/agent.json')",
            Assert.Single(resource.ErrorLines));

        CliResult container = _sandbox.Run("rm", _podId, "nocontainer");
        Assert.Equal(3, container.ExitCode);
        Assert.Equal(
            $"aot-storage: Container does not exist (pod '{_podId}', container 'nocontainer', path '{_sandbox.ConfigRoot}/{_podId}/nocontainer')",
            Assert.Single(container.ErrorLines));

        CliResult pod = _sandbox.Run("rm", "nopod");
        Assert.Equal(3, pod.ExitCode);
        Assert.Equal($"aot-storage: Pod does not exist (pod 'nopod', path '{_sandbox.ConfigRoot}/nopod')", Assert.Single(pod.ErrorLines));

        Assert.Equal(0, _sandbox.Run("rm", _podId, "agent", "--force").ExitCode);
        Assert.Equal(0, _sandbox.Run("rm", _podId, "nocontainer", "--force").ExitCode);
        Assert.Equal(0, _sandbox.Run("rm", "nopod", "--force").ExitCode);
    }

    [Fact]
    public void Rm_ContainerLevelResourceWithoutContainer_IsAUsageError_AndDeletesNothing()
    {
        TreeSnapshot before = _sandbox.Snapshot();

        CliResult result = _sandbox.Run("rm", _podId, "devices");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("stored per container", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        before.AssertEqual(_sandbox.Snapshot());
    }

    [Fact]
    public void Rm_PodLevelResourceOfAContainer_IsAUsageError()
    {
        TreeSnapshot before = _sandbox.Snapshot();

        CliResult result = _sandbox.Run("rm", _podId, _containerId, "network");

        Assert.Equal(2, result.ExitCode);
        before.AssertEqual(_sandbox.Snapshot());
    }

    [Fact]
    public void Rm_WhileTheLockIsHeld_TimesOut_AndDeletesNothing()
    {
        using FlockHolder holder = FlockHolder.Hold(_sandbox.LockPath(_podId), exclusive: true);
        TreeSnapshot before = _sandbox.Snapshot();

        CliResult result = _sandbox.Run("rm", _podId, "--timeout", "0.2");

        Assert.Equal(5, result.ExitCode);
        Assert.Equal(
            $"aot-storage: Timed out after 200 ms waiting for the exclusive pod lock (pod '{_podId}', path '{_sandbox.LockPath(_podId)}')",
            Assert.Single(result.ErrorLines));
        before.AssertEqual(_sandbox.Snapshot());
    }

    [Fact]
    public void Rm_PodWithoutLockFile_DeletesWhatIsLeft()
    {
        Directory.Delete(_sandbox.PodPath(StorageRoot.Run, _podId), recursive: true);

        CliResult result = _sandbox.Run("rm", _podId);

        Assert.Equal(0, result.ExitCode);
        Assert.False(Directory.Exists(_sandbox.PodPath(StorageRoot.Config, _podId)));
    }

    private void AssertOnlyRemoved(TreeSnapshot before, string path)
    {
        string relative = Path.GetRelativePath(_sandbox.Root, path);
        TreeSnapshot after = _sandbox.Snapshot();
        Assert.Equal(before.Entries.Keys.Where(k => k != relative), after.Entries.Keys);
        foreach ((string key, string content) in after.Entries)
        {
            Assert.Equal(before.Entries[key], content);
        }
    }
}
