using Aot.Storage.VirtContainers;
using Codecs = Aot.Storage.VirtContainers.VirtContainersStore.Codecs;
using Kinds = Aot.Storage.VirtContainers.VirtContainersStore.Kinds;

namespace Aot.Storage.Cli.Resources;

/// <summary>
/// The one place that maps a resource name and a level to the typed calls of <see cref="VirtContainersStore"/>.
/// </summary>
internal static class ResourceTable
{
    /// <summary>The resource names the commands accept, in the order of the declaration (the lock file is not one).</summary>
    public static readonly IReadOnlyList<string> Names = ["config", "state", "network", "hypervisor", "agent", "process", "mounts", "devices"];

    private static readonly ResourceBinding s_podConfig = new ResourceBinding<PodConfig>(
        Kinds.Config, false, Codecs.PodConfig, (s, p, _) => s.FetchPodConfig(p), (s, p, _, v) => s.StorePodConfig(p, v));

    private static readonly ResourceBinding s_containerConfig = new ResourceBinding<ContainerConfig>(
        Kinds.Config, true, Codecs.ContainerConfig, (s, p, c) => s.FetchContainerConfig(p, c!), (s, p, c, v) => s.StoreContainerConfig(p, c!, v));

    private static readonly ResourceBinding s_podState = new ResourceBinding<LifecycleState>(
        Kinds.State, false, Codecs.LifecycleState, (s, p, _) => s.FetchPodState(p), (s, p, _, v) => s.StorePodState(p, v));

    private static readonly ResourceBinding s_containerState = new ResourceBinding<LifecycleState>(
        Kinds.State, true, Codecs.LifecycleState, (s, p, c) => s.FetchContainerState(p, c!), (s, p, c, v) => s.StoreContainerState(p, c!, v));

    private static readonly ResourceBinding s_podNetwork = new ResourceBinding<NetworkNamespace>(
        Kinds.Network, false, Codecs.NetworkNamespace, (s, p, _) => s.FetchPodNetwork(p), (s, p, _, v) => s.StorePodNetwork(p, v));

    private static readonly ResourceBinding s_podHypervisor = new ResourceBinding<QemuState>(
        Kinds.Hypervisor, false, Codecs.QemuState, (s, p, _) => s.FetchPodHypervisor(p), (s, p, _, v) => s.StorePodHypervisor(p, v));

    private static readonly ResourceBinding s_podAgent = new ResourceBinding<AgentState>(
        Kinds.Agent, false, Codecs.AgentState, (s, p, _) => s.FetchPodAgent(p), (s, p, _, v) => s.StorePodAgent(p, v));

    private static readonly ResourceBinding s_containerProcess = new ResourceBinding<ContainerProcess>(
        Kinds.Process, true, Codecs.ContainerProcess, (s, p, c) => s.FetchContainerProcess(p, c!), (s, p, c, v) => s.StoreContainerProcess(p, c!, v));

    private static readonly ResourceBinding s_containerMounts = new ResourceBinding<List<Mount>?>(
        Kinds.Mounts, true, Codecs.ListOfMount, (s, p, c) => s.FetchContainerMounts(p, c!), (s, p, c, v) => s.StoreContainerMounts(p, c!, v));

    private static readonly ResourceBinding s_containerDevices = new ResourceBinding<List<Device>?>(
        Kinds.Devices, true, Codecs.ListOfDevice, (s, p, c) => s.FetchContainerDevices(p, c!), (s, p, c, v) => s.StoreContainerDevices(p, c!, v));

    /// <summary>The pod-level resources, in declaration order.</summary>
    public static readonly IReadOnlyList<ResourceBinding> PodLevel = [s_podConfig, s_podState, s_podNetwork, s_podHypervisor, s_podAgent];

    /// <summary>The container-level resources, in declaration order.</summary>
    public static readonly IReadOnlyList<ResourceBinding> ContainerLevel = [s_containerConfig, s_containerState, s_containerProcess, s_containerMounts, s_containerDevices];

    public static bool IsResourceName(string name) => Find(name, containerLevel: false) is not null || Find(name, containerLevel: true) is not null;

    /// <summary>The binding of <paramref name="name"/> at that level, or <see langword="null"/> if the
    /// resource does not exist or is not stored at that level.</summary>
    public static ResourceBinding? Find(string name, bool containerLevel) => (name, containerLevel) switch
    {
        ("config", false) => s_podConfig,
        ("config", true) => s_containerConfig,
        ("state", false) => s_podState,
        ("state", true) => s_containerState,
        ("network", false) => s_podNetwork,
        ("hypervisor", false) => s_podHypervisor,
        ("agent", false) => s_podAgent,
        ("process", true) => s_containerProcess,
        ("mounts", true) => s_containerMounts,
        ("devices", true) => s_containerDevices,
        _ => null,
    };
}
