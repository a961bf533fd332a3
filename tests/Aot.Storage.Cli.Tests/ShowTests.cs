using System.Text;
using System.Text.Json;
using Aot.Storage.Cli.Demo;
using Aot.Storage.Cli.Tests.Support;

namespace Aot.Storage.Cli.Tests;

public sealed class ShowTests : IDisposable
{
    private readonly CliSandbox _sandbox = new();
    private readonly string _podId = SampleState.PodId(1);
    private readonly string _containerId = SampleState.ContainerId(1, 1);

    public ShowTests()
    {
        _sandbox.Demo(pods: 1, containers: 2);
    }

    public static TheoryData<string> PodResources => new() { "config", "state", "network", "hypervisor", "agent" };

    public static TheoryData<string> ContainerResources => new() { "config", "state", "process", "mounts", "devices" };

    public void Dispose() => _sandbox.Dispose();

    [Theory]
    [MemberData(nameof(PodResources))]
    public void Show_PodResource_PrintsExactlyTheStoredBytes(string resource)
    {
        CliResult result = _sandbox.Run("show", _podId, resource);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Empty, result.Stderr);
        Assert.Equal(File.ReadAllBytes(_sandbox.ResourcePath(_podId, null, resource)), result.Stdout);
        Assert.NotEqual((byte)'\n', result.Stdout[^1]);
    }

    [Theory]
    [MemberData(nameof(ContainerResources))]
    public void Show_ContainerResource_PrintsExactlyTheStoredBytes(string resource)
    {
        CliResult result = _sandbox.Run("show", _podId, _containerId, resource);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Empty, result.Stderr);
        Assert.Equal(File.ReadAllBytes(_sandbox.ResourcePath(_podId, _containerId, resource)), result.Stdout);
    }

    [Fact]
    public void Show_GoEscapes_AreKept()
    {
        CliResult result = _sandbox.Run("show", _podId, _containerId, "config");

        // The sample's GREETING has <, > and &, which Go writes as \u003c, \u003e and \u0026.
        Assert.Contains("hello \\u003c", result.Output, StringComparison.Ordinal);
        Assert.Contains("\\u0026 friends", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Show_ReadsThroughTheModel_AndPrintsWhatTheStoreWouldWrite()
    {
        string path = _sandbox.ResourcePath(_podId, null, "state");
        File.WriteAllText(path, "{\n  \"fstype\": \"ext4\",\n  \"state\": \"ready\",\n  \"unknownKey\": [1, 2]\n}\n");

        CliResult result = _sandbox.Run("show", _podId, "state");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("{\"state\":\"ready\",\"blockIndex\":0,\"fstype\":\"ext4\",\"hotpluggedDrive\":false}", result.Output);
    }

    [Theory]
    [InlineData("network", null)]
    [InlineData("devices", "container")]
    [InlineData("config", "container")]
    public void Show_Pretty_IsIndentedJsonOfTheSameValue(string resource, string? level)
    {
        string[] target = level is null ? [_podId, resource] : [_podId, _containerId, resource];
        CliResult compact = _sandbox.Run(["show", .. target]);

        CliResult pretty = _sandbox.Run(["show", .. target, "--pretty"]);

        Assert.Equal(0, pretty.ExitCode);
        Assert.EndsWith("\n", pretty.Output, StringComparison.Ordinal);
        string[] lines = pretty.Lines;
        Assert.True(lines.Length > 20, pretty.Output);
        Assert.StartsWith("  ", lines[1], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("      \"", StringComparison.Ordinal));
        using JsonDocument fromPretty = JsonDocument.Parse(pretty.Stdout);
        using JsonDocument fromCompact = JsonDocument.Parse(compact.Stdout);
        Assert.True(JsonElement.DeepEquals(fromCompact.RootElement, fromPretty.RootElement));
    }

    [Fact]
    public void Show_Pretty_UnescapesTextForPeople()
    {
        CliResult result = _sandbox.Run("show", _podId, _containerId, "config", "--pretty");

        Assert.Contains("hello <redis> & friends", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("devices")]
    [InlineData("process")]
    [InlineData("mounts")]
    public void Show_ContainerResourceWithoutContainer_IsAUsageError(string resource)
    {
        CliResult result = _sandbox.Run("show", _podId, resource);

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.Stdout);
        Assert.Equal(
            $"aot-storage: resource '{resource}' is stored per container: name a container (POD CONTAINER {resource}) (see 'aot-storage --help')",
            Assert.Single(result.ErrorLines));
    }

    [Theory]
    [InlineData("network")]
    [InlineData("hypervisor")]
    [InlineData("agent")]
    public void Show_PodResourceWithContainer_IsAUsageError(string resource)
    {
        CliResult result = _sandbox.Run("show", _podId, _containerId, resource);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
            $"aot-storage: resource '{resource}' is stored per pod, not per container: name it without a container ID (POD {resource}) (see 'aot-storage --help')",
            Assert.Single(result.ErrorLines));
    }

    [Theory]
    [InlineData("lock")]
    [InlineData("config.json")]
    [InlineData("nope")]
    public void Show_UnknownResource_IsAUsageError(string resource)
    {
        CliResult result = _sandbox.Run("show", _podId, resource);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
            $"aot-storage: unknown resource '{resource}': expected one of config, state, network, hypervisor, agent, process, mounts, devices (see 'aot-storage --help')",
            Assert.Single(result.ErrorLines));
    }

    [Fact]
    public void Show_MissingPod_IsNotFound_NamingPodResourceAndPath()
    {
        CliResult result = _sandbox.Run("show", "nosuchpod", "state");

        Assert.Equal(3, result.ExitCode);
        Assert.Empty(result.Stdout);
        string line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("aot-storage: ", line, StringComparison.Ordinal);
        Assert.EndsWith($"(pod 'nosuchpod', resource 'state', path '{_sandbox.RunRoot}/nosuchpod/state.json')", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Show_MissingContainer_IsNotFound_NamingPodContainerResourceAndPath()
    {
        CliResult result = _sandbox.Run("show", _podId, "nosuchcontainer", "devices");

        Assert.Equal(3, result.ExitCode);
        string line = Assert.Single(result.ErrorLines);
        Assert.EndsWith(
            $"(pod '{_podId}', container 'nosuchcontainer', resource 'devices', path '{_sandbox.RunRoot}/{_podId}/nosuchcontainer/devices.json')",
            line,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Show_MissingResourceFile_IsNotFound()
    {
        File.Delete(_sandbox.ResourcePath(_podId, null, "agent"));

        CliResult result = _sandbox.Run("show", _podId, "agent");

        Assert.Equal(3, result.ExitCode);
        Assert.Equal(
            $"aot-storage: Resource file does not exist (pod '{_podId}', resource 'agent', path '{_sandbox.RunRoot}/{_podId}/agent.json')",
            Assert.Single(result.ErrorLines));
    }

    [Fact]
    public void Show_CorruptStoredFile_IsExit4_WithReasonOffsetAndPath()
    {
        string path = _sandbox.ResourcePath(_podId, _containerId, "process");
        const string Json = "{\"Token\":\"t\",\"Pid\":\"not a number\"}";
        File.WriteAllText(path, Json);

        CliResult result = _sandbox.Run("show", _podId, _containerId, "process");

        Assert.Equal(4, result.ExitCode);
        Assert.Empty(result.Stdout);
        string line = Assert.Single(result.ErrorLines);
        Assert.Contains("does not parse", line, StringComparison.Ordinal);
        Assert.Contains($"at byte offset {Json.IndexOf("\"not", StringComparison.Ordinal)}", line, StringComparison.Ordinal);
        Assert.EndsWith($"(pod '{_podId}', container '{_containerId}', resource 'process', path '{path}')", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Show_ThroughTheTextWriterEntry_PrintsTheSameBytes()
    {
        using var buffer = new MemoryStream();
        using (var writer = new StreamWriter(buffer, new UTF8Encoding(false), leaveOpen: true))
        {
            int exitCode = CliApp.Run(["--root", _sandbox.Root, "show", _podId, "network"], writer, TextWriter.Null, Stream.Null);
            Assert.Equal(0, exitCode);
        }

        Assert.Equal(File.ReadAllBytes(_sandbox.ResourcePath(_podId, null, "network")), buffer.ToArray());

        using var text = new StringWriter();
        Assert.Equal(0, CliApp.Run(["--root", _sandbox.Root, "show", _podId, "network"], text, TextWriter.Null, Stream.Null));
        Assert.Equal(File.ReadAllText(_sandbox.ResourcePath(_podId, null, "network")), text.ToString());
    }
}
