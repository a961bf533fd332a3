using System.Text.Json.Serialization;
using Aot.Storage;
using Aot.Storage.Json;
using Aot.Storage.VirtContainers;

namespace EdgeRuntime;

/// <summary>
/// The consumer's own resource set: library payloads (state, network, devices), its own hypervisor
/// state, and a pod-level kind virtcontainers does not have (quota.json under the config root).
/// </summary>
[ResourceSet]
[ResourceKind("state", "state.json", StorageRoot.Run, PodPayload = typeof(LifecycleState), ContainerPayload = typeof(LifecycleState))]
[ResourceKind("network", "network.json", StorageRoot.Run, PodPayload = typeof(NetworkNamespace))]
[ResourceKind("hypervisor", "hypervisor.json", StorageRoot.Run, PodPayload = typeof(FirecrackerState))]
[ResourceKind("quota", "quota.json", StorageRoot.Config, PodPayload = typeof(PodQuota))]
[ResourceKind("lock", "lock", StorageRoot.Run, Scope = ResourceScope.Pod, IsLock = true)]
[ResourceKind("devices", "devices.json", StorageRoot.Run, ContainerPayload = typeof(List<Device>))]
public sealed partial class EdgeStore
{
}

/// <summary>The hypervisor state of this runtime, in place of virtcontainers' QemuState.</summary>
public sealed class FirecrackerState
{
    [JsonPropertyName("api_socket")]
    public string ApiSocket { get; set; } = "";

    public long Pid { get; set; }

    public List<Drive>? Drives { get; set; }

    public Dictionary<string, string>? Metadata { get; set; }

    public Timestamp BootTime { get; set; }

    /// <summary>Whatever a newer version adds, kept as it was written.</summary>
    public RawJson? Extensions { get; set; }
}

public sealed class Drive
{
    [JsonPropertyName("drive_id")]
    public string DriveId { get; set; } = "";

    [JsonPropertyName("path_on_host")]
    public string PathOnHost { get; set; } = "";

    [JsonPropertyName("is_read_only")]
    public bool IsReadOnly { get; set; }
}

/// <summary>An extra pod-level resource: the limits the pod was admitted with.</summary>
public sealed class PodQuota
{
    public ulong MemoryBytes { get; set; }

    public uint Vcpus { get; set; }

    public List<string>? AllowedDevices { get; set; }
}

/// <summary>A device kind of this runtime, added to the library's <see cref="Device"/> union.</summary>
[UnionCase("my-device")]
public sealed class MyDevice : Device
{
    public string DeviceType { get; set; } = "my-device";

    public string Endpoint { get; set; } = "";

    public ulong Queues { get; set; }
}
