using Aot.Storage.Cli.Demo;
using Aot.Storage.Cli.Tests.Support;

namespace Aot.Storage.Cli.Tests;

public sealed class VerifyTests : IDisposable
{
    private readonly CliSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public void Verify_EmptyRoots_IsOkWithZeroFiles()
    {
        CliResult result = _sandbox.Run("verify");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("OK 0 files\n", result.Output);
        Assert.Equal(string.Empty, result.Stderr);
    }

    [Fact]
    public void Verify_AfterDemo_CountsEveryResourceFile()
    {
        _sandbox.Demo(pods: 2, containers: 3);

        CliResult result = _sandbox.Run("verify");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"OK {(2 * 5) + (2 * 3 * 5)} files\n", result.Output);
    }

    [Fact]
    public void Verify_ListsExactlyTheCorruptFiles_SortedByPath_AndExits1()
    {
        _sandbox.Demo(pods: 2, containers: 2);
        string pod1 = SampleState.PodId(1);
        string pod2 = SampleState.PodId(2);
        string container = SampleState.ContainerId(2, 1);
        string truncated = _sandbox.ResourcePath(pod2, container, "devices");
        string garbage = _sandbox.ResourcePath(pod1, null, "config");
        string wrongShape = _sandbox.ResourcePath(pod1, null, "hypervisor");
        File.WriteAllText(truncated, "[{\"Type\":\"vfio\",");
        File.WriteAllText(garbage, "not json");
        File.WriteAllText(wrongShape, "{\"Bridges\":{}}");

        CliResult result = _sandbox.Run("verify");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(string.Empty, result.Stderr);
        string[] lines = result.Lines;
        Assert.Equal(4, lines.Length);
        string[] expectedOrder = new[] { truncated, garbage, wrongShape }.Order(StringComparer.Ordinal).ToArray();
        for (int i = 0; i < 3; i++)
        {
            Assert.StartsWith($"CORRUPT {expectedOrder[i]}: Resource file does not parse: ", lines[i], StringComparison.Ordinal);
            Assert.Matches(" at byte offset [0-9]+$", lines[i]);
        }

        Assert.EndsWith("unexpected end of JSON input at byte offset 16", lines[Array.FindIndex(lines, l => l.Contains(truncated, StringComparison.Ordinal))], StringComparison.Ordinal);
        Assert.Equal($"FAILED 3 of {(2 * 5) + (2 * 2 * 5)} files", lines[3]);
    }

    [Fact]
    public void Verify_FileThatIsNotARegularFile_IsReported()
    {
        _sandbox.Demo(pods: 1, containers: 1);
        string podId = SampleState.PodId(1);
        string path = _sandbox.ResourcePath(podId, null, "agent");
        File.Delete(path);
        Directory.CreateDirectory(path);

        CliResult result = _sandbox.Run("verify");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"CORRUPT {path}: ", result.Lines[0], StringComparison.Ordinal);
        Assert.Equal($"FAILED 1 of {5 + 5} files", result.Lines[1]);
    }

    [Fact]
    public void Verify_ChecksBothRoots_WhenTheyAreGivenSeparately()
    {
        _sandbox.Demo(pods: 1, containers: 1);
        string podId = SampleState.PodId(1);
        File.WriteAllText(_sandbox.ResourcePath(podId, null, "config"), "[]");

        CliResult result = CliSandbox.RunRaw([], "--config-root", _sandbox.ConfigRoot, "--run-root", _sandbox.RunRoot, "verify");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(2, result.Lines.Length);
        Assert.StartsWith($"CORRUPT {_sandbox.ResourcePath(podId, null, "config")}: ", result.Lines[0], StringComparison.Ordinal);
        Assert.Equal("FAILED 1 of 10 files", result.Lines[1]);
    }
}
