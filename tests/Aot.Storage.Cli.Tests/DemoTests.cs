using System.Globalization;
using System.Text.Json;
using Aot.Storage.Cli.Demo;
using Aot.Storage.Cli.Tests.Support;

namespace Aot.Storage.Cli.Tests;

public sealed class DemoTests : IDisposable
{
    private static readonly string[] s_podFiles = ["config.json"];
    private static readonly string[] s_podRunFiles = ["agent.json", "hypervisor.json", "lock", "network.json", "state.json"];
    private static readonly string[] s_containerRunFiles = ["devices.json", "mounts.json", "process.json", "state.json"];

    private readonly CliSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public void Demo_WithoutOptions_CreatesTwoPodsOfTwoContainers()
    {
        CliResult result = _sandbox.Run("demo");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Empty, result.Stderr);
        Assert.Equal("Created 2 pod(s) with 2 container(s) each.", result.Lines[0]);
        AssertTree(pods: 2, containers: 2);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 4)]
    public void Demo_CreatesNPodsOfMContainers_WithEveryResourceKind(int pods, int containers)
    {
        _sandbox.Demo(pods, containers);

        AssertTree(pods, containers);
    }

    [Fact]
    public void Demo_PrintsEveryFileUnderBothRootsWithItsSize_Sorted()
    {
        CliResult result = _sandbox.Demo(pods: 2, containers: 3);

        AssertListing(result.Lines, "config root " + _sandbox.ConfigRoot + ":", _sandbox.ConfigRoot);
        AssertListing(result.Lines, "run root " + _sandbox.RunRoot + ":", _sandbox.RunRoot);
        int tryIndex = Array.IndexOf(result.Lines, "Try:");
        Assert.True(tryIndex > 0, result.ToString());
        string podId = SampleState.PodId(1);
        Assert.Contains($"  aot-storage --root {_sandbox.Root} ls", result.Lines);
        Assert.Contains($"  aot-storage --root {_sandbox.Root} show {podId} network --pretty", result.Lines);
        Assert.Contains($"  aot-storage --root {_sandbox.Root} show {podId} {SampleState.ContainerId(1, 2)} devices --pretty", result.Lines);
        Assert.Contains($"  aot-storage --root {_sandbox.Root} verify", result.Lines);
    }

    [Fact]
    public void Demo_FillsInEveryDeviceKindAndEveryEndpointKind()
    {
        _sandbox.Demo(pods: 2, containers: 2);

        for (int pod = 1; pod <= 2; pod++)
        {
            string podId = SampleState.PodId(pod);
            Assert.Equal(["virtual", "physical", "vhost-user"], Tags(_sandbox.ResourcePath(podId, null, "network"), "Endpoints"));
            foreach (string containerId in SampleState.ContainerIds(pod, 2))
            {
                Assert.Equal(
                    ["vfio", "block", "generic", "virtio-net-pci", "vhost-user-scsi-pci", "vhost-user-blk-pci"],
                    Tags(_sandbox.ResourcePath(podId, containerId, "devices"), null));
            }
        }
    }

    [Fact]
    public void Demo_Twice_GivesTheSameBytes()
    {
        _sandbox.Demo(pods: 2, containers: 2);
        TreeSnapshot first = _sandbox.Snapshot();

        _sandbox.Demo(pods: 2, containers: 2);

        first.AssertEqual(_sandbox.Snapshot());
    }

    [Fact]
    public void Demo_ThenVerify_IsOk()
    {
        _sandbox.Demo(pods: 3, containers: 2);

        CliResult result = _sandbox.Run("verify");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal([$"OK {(3 * 5) + (3 * 2 * 5)} files"], result.Lines);
    }

    [Theory]
    [InlineData("--pods", "0")]
    [InlineData("--pods", "1001")]
    [InlineData("--containers", "0")]
    [InlineData("--pods", "many")]
    public void Demo_OutOfRangeCounts_AreUsageErrors(string option, string value)
    {
        CliResult result = _sandbox.Run("demo", option, value);

        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.ErrorLines);
        Assert.Contains("--", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_sandbox.ConfigRoot));
        Assert.False(Directory.Exists(_sandbox.RunRoot));
    }

    private void AssertTree(int pods, int containers)
    {
        var expected = new List<string>();
        for (int pod = 1; pod <= pods; pod++)
        {
            string podId = SampleState.PodId(pod);
            expected.AddRange(s_podFiles.Select(f => $"config/{podId}/{f}"));
            expected.AddRange(s_podRunFiles.Select(f => $"run/{podId}/{f}"));
            IReadOnlyList<string> ids = SampleState.ContainerIds(pod, containers);
            Assert.Equal(containers, ids.Distinct().Count());
            Assert.Equal(podId, ids[0]);
            foreach (string containerId in ids)
            {
                expected.Add($"config/{podId}/{containerId}/config.json");
                expected.AddRange(s_containerRunFiles.Select(f => $"run/{podId}/{containerId}/{f}"));
            }
        }

        string[] actual = Directory.EnumerateFiles(_sandbox.Root, "*", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(_sandbox.Root, p))
            .Order(StringComparer.Ordinal)
            .ToArray();
        Assert.Equal(expected.Order(StringComparer.Ordinal), actual);
        foreach (string file in actual.Where(f => f.EndsWith(".json", StringComparison.Ordinal)))
        {
            Assert.True(new FileInfo(Path.Combine(_sandbox.Root, file)).Length > 2, file);
        }

        CliResult pods2 = _sandbox.Run("ls");
        Assert.Equal(Enumerable.Range(1, pods).Select(SampleState.PodId).Order(StringComparer.Ordinal), pods2.Lines);
    }

    private static void AssertListing(string[] lines, string headerPrefix, string root)
    {
        int header = Array.FindIndex(lines, l => l.StartsWith(headerPrefix, StringComparison.Ordinal));
        Assert.True(header >= 0, headerPrefix);
        string[] files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(root, p))
            .Order(StringComparer.Ordinal)
            .ToArray();
        long total = files.Sum(f => new FileInfo(Path.Combine(root, f)).Length);
        Assert.Equal($"{headerPrefix} {files.Length} files, {total} bytes", lines[header]);
        for (int i = 0; i < files.Length; i++)
        {
            long size = new FileInfo(Path.Combine(root, files[i])).Length;
            Assert.Equal($"{size.ToString(CultureInfo.InvariantCulture),10}  {files[i]}", lines[header + 1 + i]);
        }

        Assert.Equal(string.Empty, lines[header + 1 + files.Length]);
    }

    /// <summary>The <c>Type</c> tags of a union list (the document itself, or one of its properties).</summary>
    private static string[] Tags(string path, string? property)
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(path));
        JsonElement list = property is null ? document.RootElement : document.RootElement.GetProperty(property);
        return list.EnumerateArray().Select(e => e.GetProperty("Type").GetString()!).ToArray();
    }
}
