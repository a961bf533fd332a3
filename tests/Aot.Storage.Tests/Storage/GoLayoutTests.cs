using System.Globalization;
using System.Runtime.Versioning;
using System.Text;
using Aot.Storage.Tests.Samples;
using Aot.Storage.Tests.TestVectors;
using Aot.Storage.VirtContainers;

namespace Aot.Storage.Tests.Storage;

/// <summary>
/// Trees written by the Go runtime and by the store are interchangeable: a Go tree is listed, fetched and
/// re-stored unchanged, and the typed store writes the tree of golden/layout.txt.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class GoLayoutTests : IDisposable
{
    private const string Pod = GoldenSamples.PodId;
    private const string SandboxContainer = GoldenSamples.PodId;
    private const string Container = GoldenSamples.ContainerId;

    private readonly StorageTestEnvironment _env = new();
    private readonly VirtContainersStore _store;

    public GoLayoutTests()
    {
        _store = new VirtContainersStore(_env.Options);
    }

    public void Dispose() => _env.Dispose();

    [Fact]
    public void A_tree_written_by_Go_is_listed_fetched_and_restored_with_identical_bytes()
    {
        Dictionary<string, byte[]> goTree = WriteGoTree();

        Assert.Equal([Pod], _store.ListPods());
        Assert.Equal(new[] { SandboxContainer, Container }.Order(StringComparer.Ordinal), _store.ListContainers(Pod));

        _store.StorePodConfig(Pod, _store.FetchPodConfig(Pod));
        _store.StorePodState(Pod, _store.FetchPodState(Pod));
        _store.StorePodNetwork(Pod, _store.FetchPodNetwork(Pod));
        _store.StorePodHypervisor(Pod, _store.FetchPodHypervisor(Pod));
        _store.StorePodAgent(Pod, _store.FetchPodAgent(Pod));
        foreach (string container in new[] { SandboxContainer, Container })
        {
            _store.StoreContainerConfig(Pod, container, _store.FetchContainerConfig(Pod, container));
            _store.StoreContainerState(Pod, container, _store.FetchContainerState(Pod, container));
            _store.StoreContainerProcess(Pod, container, _store.FetchContainerProcess(Pod, container));
            _store.StoreContainerMounts(Pod, container, _store.FetchContainerMounts(Pod, container));
            _store.StoreContainerDevices(Pod, container, _store.FetchContainerDevices(Pod, container));
        }

        foreach ((string relativePath, byte[] bytes) in goTree)
        {
            Assert.Equal(Encoding.UTF8.GetString(bytes), File.ReadAllText(Path.Combine(_env.Base, relativePath)));
        }
    }

    [Fact]
    public void The_typed_store_writes_the_tree_of_the_Go_layout()
    {
        _store.CreatePod(Pod);
        _store.CreateContainer(Pod, SandboxContainer);
        _store.CreateContainer(Pod, Container);
        PodConfig pod = GoldenSamples.PodConfig();
        _store.StorePodConfig(Pod, pod);
        _store.StoreContainerConfig(Pod, SandboxContainer, pod.Containers![0]);
        _store.StoreContainerConfig(Pod, Container, GoldenSamples.ContainerConfig());
        _store.StorePodState(Pod, GoldenSamples.PodState());
        _store.StorePodNetwork(Pod, GoldenSamples.Network());
        _store.StorePodHypervisor(Pod, GoldenSamples.QemuState());
        _store.StorePodAgent(Pod, GoldenSamples.AgentState());
        _store.StoreContainerState(Pod, SandboxContainer, GoldenSamples.PodState());
        _store.StoreContainerProcess(Pod, SandboxContainer, GoldenSamples.Process());
        _store.StoreContainerMounts(Pod, SandboxContainer, []);
        _store.StoreContainerDevices(Pod, SandboxContainer, null);
        _store.StoreContainerState(Pod, Container, GoldenSamples.ContainerState());
        _store.StoreContainerProcess(Pod, Container, GoldenSamples.Process());
        _store.StoreContainerMounts(Pod, Container, GoldenSamples.Mounts());
        _store.StoreContainerDevices(Pod, Container, GoldenSamples.Devices());

        // layout.txt lists "mode path size" under pods/{config,run}; Go's files were 0644, ours are 0640 on purpose.
        string[] expected = Golden.Text("layout.txt").Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(line => !line.Contains('=', StringComparison.Ordinal))
            .Select(line => line.Replace("-rw-r--r--", "-rw-r-----", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToArray();

        Assert.Equal(expected, DescribeTree());
    }

    /// <summary>Lays out the golden files where the Go code put them; returns them by path relative to the test base.</summary>
    private Dictionary<string, byte[]> WriteGoTree()
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal)
        {
            [$"config/{Pod}/config.json"] = Golden.Read("podconfig.json"),
            [$"config/{Pod}/{Container}/config.json"] = Golden.Read("container-config.json"),
            [$"config/{Pod}/{SandboxContainer}/config.json"] = GoldenFileTestsBytes.SandboxContainerConfig(),
            [$"run/{Pod}/state.json"] = Golden.Read("state.json"),
            [$"run/{Pod}/network.json"] = Golden.Read("network.json"),
            [$"run/{Pod}/hypervisor.json"] = Golden.Read("hypervisor.json"),
            [$"run/{Pod}/agent.json"] = Golden.Read("agent.json"),
            [$"run/{Pod}/lock"] = [],
            [$"run/{Pod}/{SandboxContainer}/state.json"] = Golden.Read("state.json"),
            [$"run/{Pod}/{SandboxContainer}/process.json"] = Golden.Read("process.json"),
            [$"run/{Pod}/{SandboxContainer}/mounts.json"] = Golden.Read("mounts-empty.json"),
            [$"run/{Pod}/{SandboxContainer}/devices.json"] = Golden.Read("devices-empty.json"),
            [$"run/{Pod}/{Container}/state.json"] = Golden.Read("container-state.json"),
            [$"run/{Pod}/{Container}/process.json"] = Golden.Read("process.json"),
            [$"run/{Pod}/{Container}/mounts.json"] = Golden.Read("mounts.json"),
            [$"run/{Pod}/{Container}/devices.json"] = Golden.Read("devices.json"),
        };
        foreach ((string relativePath, byte[] bytes) in files)
        {
            string path = Path.Combine(_env.Base, relativePath);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, bytes);
        }

        return files;
    }

    private string[] DescribeTree()
    {
        var lines = new List<string>();
        foreach ((string root, string name) in new[] { (_env.ConfigRoot, "config"), (_env.RunRoot, "run") })
        {
            foreach (string entry in Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories))
            {
                string relative = "pods/" + name + "/" + Path.GetRelativePath(root, entry).Replace('\\', '/');
                bool isDirectory = Directory.Exists(entry);
                string mode = FormatMode(File.GetUnixFileMode(entry), isDirectory);
                long size = isDirectory ? 4096 : new FileInfo(entry).Length;
                lines.Add($"{mode} {relative} {size.ToString(CultureInfo.InvariantCulture)}");
            }

            lines.Add($"{FormatMode(File.GetUnixFileMode(root), true)} pods/{name} 4096");
        }

        lines.Add("drwxr-x--- pods 4096");
        return [.. lines.Order(StringComparer.Ordinal)];
    }

    private static string FormatMode(UnixFileMode mode, bool isDirectory)
    {
        var text = new StringBuilder(isDirectory ? "d" : "-");
        UnixFileMode[] bits =
        [
            UnixFileMode.UserRead, UnixFileMode.UserWrite, UnixFileMode.UserExecute,
            UnixFileMode.GroupRead, UnixFileMode.GroupWrite, UnixFileMode.GroupExecute,
            UnixFileMode.OtherRead, UnixFileMode.OtherWrite, UnixFileMode.OtherExecute,
        ];
        string letters = "rwxrwxrwx";
        for (int i = 0; i < bits.Length; i++)
        {
            text.Append((mode & bits[i]) != 0 ? letters[i] : '-');
        }

        return text.ToString();
    }

    /// <summary>The sandbox container's config as Go wrote it: the pod config's first container.</summary>
    private static class GoldenFileTestsBytes
    {
        public static byte[] SandboxContainerConfig() =>
            VirtContainersStore.Codecs.ContainerConfig.Serialize(VirtContainersStore.Codecs.PodConfig.Deserialize(Golden.Read("podconfig.json")).Containers![0]);
    }
}
