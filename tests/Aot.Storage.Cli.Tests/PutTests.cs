using Aot.Storage.Cli.Demo;
using Aot.Storage.Cli.Tests.Support;

namespace Aot.Storage.Cli.Tests;

public sealed class PutTests : IDisposable
{
    private const string ReadyState = "{\"state\":\"ready\",\"blockIndex\":3,\"fstype\":\"xfs\",\"hotpluggedDrive\":true}";

    private readonly CliSandbox _sandbox = new();
    private readonly string _podId = SampleState.PodId(1);
    private readonly string _containerId = SampleState.ContainerId(1, 1);

    public PutTests()
    {
        _sandbox.Demo(pods: 1, containers: 2);
    }

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public void Put_PodResource_FromFile()
    {
        string input = Path.Combine(_sandbox.Root, "state-input.json");
        File.WriteAllText(input, ReadyState);

        CliResult result = _sandbox.Run("put", _podId, "state", input);

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Stdout);
        Assert.Equal(string.Empty, result.Stderr);
        Assert.Equal(ReadyState, File.ReadAllText(_sandbox.ResourcePath(_podId, null, "state")));
    }

    [Fact]
    public void Put_PodResource_FromStandardInput()
    {
        CliResult result = _sandbox.RunWithInput(ReadyState, "put", _podId, "state");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(ReadyState, File.ReadAllText(_sandbox.ResourcePath(_podId, null, "state")));
    }

    [Fact]
    public void Put_ContainerResource_FromStandardInput_AndFromFile()
    {
        CliResult fromStdin = _sandbox.RunWithInput(ReadyState, "put", _podId, _containerId, "state");
        Assert.Equal(0, fromStdin.ExitCode);
        Assert.Equal(ReadyState, File.ReadAllText(_sandbox.ResourcePath(_podId, _containerId, "state")));

        string mounts = "[{\"Source\":\"tmpfs\",\"Destination\":\"/tmp\",\"Type\":\"tmpfs\",\"Options\":null,\"HostPath\":\"\",\"ReadOnly\":false}]";
        string input = Path.Combine(_sandbox.Root, "mounts-input.json");
        File.WriteAllText(input, mounts);
        CliResult fromFile = _sandbox.Run("put", _podId, _containerId, "mounts", input);
        Assert.Equal(0, fromFile.ExitCode);
        Assert.Equal(mounts, File.ReadAllText(_sandbox.ResourcePath(_podId, _containerId, "mounts")));
    }

    [Fact]
    public void Put_DashIsStandardInput()
    {
        CliResult result = _sandbox.RunWithInput(ReadyState, "put", _podId, _containerId, "state", "-");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(ReadyState, File.ReadAllText(_sandbox.ResourcePath(_podId, _containerId, "state")));
    }

    [Fact]
    public void Put_StoresWhatTheModelWrites_NotTheInputText()
    {
        string input = "  {\n \"hotpluggedDrive\": true, \"state\" : \"paused\", \"extra\": {\"x\": 1}\n}\n\n";

        CliResult result = _sandbox.RunWithInput(input, "put", _podId, "state");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("{\"state\":\"paused\",\"blockIndex\":0,\"fstype\":\"\",\"hotpluggedDrive\":true}", File.ReadAllText(_sandbox.ResourcePath(_podId, null, "state")));
    }

    [Fact]
    public void Put_ThenShow_RoundTripsEveryResourceExactly()
    {
        foreach (string resource in new[] { "config", "state", "network", "hypervisor", "agent" })
        {
            byte[] before = File.ReadAllBytes(_sandbox.ResourcePath(_podId, null, resource));
            File.Delete(_sandbox.ResourcePath(_podId, null, resource));
            Assert.Equal(0, _sandbox.RunWithInput(before, "put", _podId, resource).ExitCode);
            Assert.Equal(before, _sandbox.Run("show", _podId, resource).Stdout);
        }

        foreach (string resource in new[] { "config", "state", "process", "mounts", "devices" })
        {
            byte[] before = File.ReadAllBytes(_sandbox.ResourcePath(_podId, _containerId, resource));
            File.Delete(_sandbox.ResourcePath(_podId, _containerId, resource));
            Assert.Equal(0, _sandbox.RunWithInput(before, "put", _podId, _containerId, resource).ExitCode);
            Assert.Equal(before, _sandbox.Run("show", _podId, _containerId, resource).Stdout);
        }
    }

    [Theory]
    [InlineData("{\"state\":\"ready\"", "unexpected end of JSON input", 16)]
    [InlineData("{\"state\":\"ready\"} x", "invalid character after top-level value", 18)]
    [InlineData("", "unexpected end of JSON input", 0)]
    [InlineData("{\"state\": ready}", "", 10)]
    public void Put_InvalidJson_IsRejectedWithReasonAndOffset_AndNothingIsWritten(string input, string reason, long offset)
    {
        string path = _sandbox.ResourcePath(_podId, null, "state");
        TreeSnapshot before = _sandbox.Snapshot();

        CliResult result = _sandbox.RunWithInput(input, "put", _podId, "state");

        Assert.Equal(4, result.ExitCode);
        string line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("aot-storage: Input does not parse as state: " + reason, line, StringComparison.Ordinal);
        Assert.Contains($" at byte offset {offset} ", line, StringComparison.Ordinal);
        Assert.EndsWith($"(input 'standard input', pod '{_podId}', resource 'state', path '{path}'); nothing was written", line, StringComparison.Ordinal);
        before.AssertEqual(_sandbox.Snapshot());
    }

    [Fact]
    public void Put_WrongShape_IsRejectedWithReasonAndOffset_AndTheOldFileStays()
    {
        string path = _sandbox.ResourcePath(_podId, _containerId, "devices");
        string input = Path.Combine(_sandbox.Root, "devices-input.json");
        const string Json = "[{\"Type\":\"vfio\",\"Data\":{\"DeviceType\":\"vfio\",\"BDF\":7}}]";
        File.WriteAllText(input, Json);
        TreeSnapshot before = _sandbox.Snapshot();

        CliResult result = _sandbox.Run("put", _podId, _containerId, "devices", input);

        Assert.Equal(4, result.ExitCode);
        string line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("aot-storage: Input does not parse as devices: ", line, StringComparison.Ordinal);
        Assert.Contains($" at byte offset {Json.IndexOf(":7", StringComparison.Ordinal) + 1} ", line, StringComparison.Ordinal);
        Assert.EndsWith($"(input '{input}', pod '{_podId}', container '{_containerId}', resource 'devices', path '{path}'); nothing was written", line, StringComparison.Ordinal);
        before.AssertEqual(_sandbox.Snapshot());
    }

    [Fact]
    public void Put_ObjectWhereAListIsExpected_IsRejected()
    {
        TreeSnapshot before = _sandbox.Snapshot();

        CliResult result = _sandbox.RunWithInput("{\"Source\":\"proc\"}", "put", _podId, _containerId, "mounts");

        Assert.Equal(4, result.ExitCode);
        Assert.Contains("at byte offset 0", result.Stderr, StringComparison.Ordinal);
        before.AssertEqual(_sandbox.Snapshot());
    }

    [Fact]
    public void Put_MissingPod_IsNotFound_AndCreatesNothing()
    {
        TreeSnapshot before = _sandbox.Snapshot();

        CliResult result = _sandbox.RunWithInput(ReadyState, "put", "newpod", "state");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("pod 'newpod'", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        before.AssertEqual(_sandbox.Snapshot());
    }

    [Fact]
    public void Put_MissingContainer_IsNotFound()
    {
        CliResult result = _sandbox.RunWithInput(ReadyState, "put", _podId, "newcontainer", "state");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("container 'newcontainer'", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_sandbox.RunRoot, _podId, "newcontainer")));
    }

    [Fact]
    public void Put_Create_MakesThePodAndContainer()
    {
        CliResult result = _sandbox.RunWithInput(ReadyState, "put", "newpod", "newcontainer", "state", "--create");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(ReadyState, File.ReadAllText(_sandbox.ResourcePath("newpod", "newcontainer", "state")));
        Assert.True(File.Exists(_sandbox.LockPath("newpod")));
        Assert.Equal(["newcontainer"], _sandbox.Run("ls", "newpod").Lines);
    }

    [Fact]
    public void Put_MissingInputFile_IsNotFound()
    {
        CliResult result = _sandbox.Run("put", _podId, "state", Path.Combine(_sandbox.Root, "nope.json"));

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("nope.json", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public void Put_ThreeArguments_SecondNotAResource_IsContainerLevel()
    {
        // "put POD X RESOURCE": X is not a resource name, so it is a container ID and the input is standard input.
        CliResult result = _sandbox.RunWithInput(ReadyState, "put", _podId, _containerId, "state");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(ReadyState, File.ReadAllText(_sandbox.ResourcePath(_podId, _containerId, "state")));
    }

    [Fact]
    public void Put_ResourceAtTheWrongLevel_IsAUsageError_AndReadsNothing()
    {
        TreeSnapshot before = _sandbox.Snapshot();

        CliResult result = _sandbox.RunWithInput("[]", "put", _podId, "devices");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("stored per container", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        before.AssertEqual(_sandbox.Snapshot());
    }
}
