using System.Text;
using Aot.Storage.Cli.Demo;
using Aot.Storage.Cli.Tests.Support;

namespace Aot.Storage.Cli.Tests;

public sealed class ListTests : IDisposable
{
    private readonly CliSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public void Ls_EmptyRoots_PrintsNothing()
    {
        CliResult result = _sandbox.Run("ls");

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Stdout);
        Assert.Equal(string.Empty, result.Stderr);
    }

    [Fact]
    public void Ls_PrintsOnePodIdPerLine_Sorted()
    {
        _sandbox.Demo(pods: 3, containers: 1);
        string expected = string.Concat(new[] { SampleState.PodId(1), SampleState.PodId(2), SampleState.PodId(3) }.Order(StringComparer.Ordinal).Select(id => id + "\n"));

        CliResult result = _sandbox.Run("ls");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(expected, result.Output);
    }

    [Fact]
    public void Ls_Pod_PrintsOneContainerIdPerLine_Sorted()
    {
        _sandbox.Demo(pods: 1, containers: 3);
        string podId = SampleState.PodId(1);
        string expected = string.Concat(SampleState.ContainerIds(1, 3).Order(StringComparer.Ordinal).Select(id => id + "\n"));

        CliResult result = _sandbox.Run("ls", podId);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(expected, result.Output);
    }

    [Fact]
    public void Ls_Json_PrintsTheDocumentOfPods()
    {
        _sandbox.Demo(pods: 2, containers: 1);
        string[] ids = [.. new[] { SampleState.PodId(1), SampleState.PodId(2) }.Order(StringComparer.Ordinal)];

        CliResult result = _sandbox.Run("ls", "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"{{\"pods\":[\"{ids[0]}\",\"{ids[1]}\"]}}\n", result.Output);
    }

    [Fact]
    public void Ls_Pod_Json_PrintsTheDocumentOfContainers()
    {
        _sandbox.Demo(pods: 1, containers: 2);
        string podId = SampleState.PodId(1);
        string[] ids = [.. SampleState.ContainerIds(1, 2).Order(StringComparer.Ordinal)];

        CliResult result = _sandbox.Run("ls", podId, "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"{{\"pod\":\"{podId}\",\"containers\":[\"{ids[0]}\",\"{ids[1]}\"]}}\n", result.Output);
    }

    [Fact]
    public void Ls_Json_EmptyRoots_PrintsAnEmptyList()
    {
        CliResult result = _sandbox.Run("ls", "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("{\"pods\":[]}\n"u8.ToArray(), result.Stdout);
    }

    [Fact]
    public void Ls_MissingPod_IsNotFound()
    {
        _sandbox.Demo(pods: 1, containers: 1);

        CliResult result = _sandbox.Run("ls", "nosuchpod");

        Assert.Equal(3, result.ExitCode);
        Assert.Empty(result.Stdout);
        string line = Assert.Single(result.ErrorLines);
        Assert.Equal($"aot-storage: Pod does not exist (pod 'nosuchpod', path '{_sandbox.ConfigRoot}/nosuchpod')", line);
    }

    [Fact]
    public void Ls_GlobalOptionsAfterTheCommand_AreAccepted()
    {
        _sandbox.Demo(pods: 1, containers: 1);

        CliResult result = CliSandbox.RunRaw([], "ls", "--config-root", _sandbox.ConfigRoot, "--run-root", _sandbox.RunRoot);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(SampleState.PodId(1) + "\n", Encoding.UTF8.GetString(result.Stdout));
    }
}
