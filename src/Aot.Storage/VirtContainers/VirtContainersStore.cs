namespace Aot.Storage.VirtContainers;

/// <summary>
/// The resource set of virtcontainers' <c>filesystem.go</c>: nine kinds, the same file names and roots.
/// Kinds that Go allowed at both levels but only ever used at one (network, process, mounts, devices)
/// are declared at the level they are used, so that a misplaced store does not compile.
/// </summary>
[ResourceSet(JsonContextName = "VirtContainersJsonContext")]
[ResourceKind("config", "config.json", StorageRoot.Config, PodPayload = typeof(PodConfig), ContainerPayload = typeof(ContainerConfig))]
[ResourceKind("state", "state.json", StorageRoot.Run, PodPayload = typeof(LifecycleState), ContainerPayload = typeof(LifecycleState))]
[ResourceKind("network", "network.json", StorageRoot.Run, PodPayload = typeof(NetworkNamespace))]
[ResourceKind("hypervisor", "hypervisor.json", StorageRoot.Run, PodPayload = typeof(QemuState))]
[ResourceKind("agent", "agent.json", StorageRoot.Run, PodPayload = typeof(AgentState))]
[ResourceKind("process", "process.json", StorageRoot.Run, ContainerPayload = typeof(ContainerProcess))]
[ResourceKind("lock", "lock", StorageRoot.Run, Scope = ResourceScope.Pod, IsLock = true)]
[ResourceKind("mounts", "mounts.json", StorageRoot.Run, ContainerPayload = typeof(List<Mount>))]
[ResourceKind("devices", "devices.json", StorageRoot.Run, ContainerPayload = typeof(List<Device>))]
public sealed partial class VirtContainersStore
{
}
