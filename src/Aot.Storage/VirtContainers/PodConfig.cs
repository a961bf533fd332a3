using System.Text.Json.Serialization;

namespace Aot.Storage.VirtContainers;

/// <summary>
/// The pod configuration, stored as <c>&lt;config root&gt;/&lt;pod&gt;/config.json</c>. It is written last when a
/// pod is created and rewritten whenever a container is added or removed or annotations change, so its
/// <see cref="Containers"/> list, not the per-container files, is what a reload goes by.
/// </summary>
public sealed class PodConfig
{
    [JsonPropertyName("ID")]
    public string Id { get; set; } = "";

    public string Hostname { get; set; } = "";

    public Hooks Hooks { get; set; } = new();

    [JsonPropertyName("VMConfig")]
    public VmResources VmConfig { get; set; } = new();

    /// <summary>One of <see cref="HypervisorTypes"/>.</summary>
    public string HypervisorType { get; set; } = "";

    public HypervisorConfig HypervisorConfig { get; set; } = new();

    /// <summary>One of <see cref="AgentTypes"/>; selects the case of <see cref="AgentConfig"/>.</summary>
    public string AgentType { get; set; } = "";

    /// <summary>
    /// Go <c>interface{}</c>: the agent's own config struct, written bare. The file does not say which
    /// struct it is; <see cref="AgentType"/> does. <see langword="null"/> for the noop agent.
    /// </summary>
    [UnionTagFrom(nameof(AgentType))]
    public AgentConfig? AgentConfig { get; set; }

    /// <summary>One of <see cref="ProxyTypes"/>.</summary>
    public string ProxyType { get; set; } = "";

    public ProxyConfig ProxyConfig { get; set; } = new();

    /// <summary>One of <see cref="ShimTypes"/>; selects the case of <see cref="ShimConfig"/>.</summary>
    public string ShimType { get; set; } = "";

    /// <summary>
    /// Go <c>interface{}</c>: the shim config struct, written bare and tagged by <see cref="ShimType"/>.
    /// <see langword="null"/> for the noop shim.
    /// </summary>
    [UnionTagFrom(nameof(ShimType))]
    public ShimConfig? ShimConfig { get; set; }

    /// <summary>One of <see cref="NetworkModels"/>.</summary>
    public string NetworkModel { get; set; } = "";

    public NetworkConfig NetworkConfig { get; set; } = new();

    public List<Volume>? Volumes { get; set; }

    /// <summary>Every container of the pod, in creation order.</summary>
    public List<ContainerConfig>? Containers { get; set; }

    public Dictionary<string, string>? Annotations { get; set; }
}

/// <summary>OCI hooks run by the runtime on the host (Go <c>Hooks</c>).</summary>
public sealed class Hooks
{
    public List<Hook>? PreStartHooks { get; set; }

    public List<Hook>? PostStartHooks { get; set; }

    public List<Hook>? PostStopHooks { get; set; }
}

/// <summary>One OCI hook (Go <c>Hook</c>).</summary>
public sealed class Hook
{
    public string Path { get; set; } = "";

    public List<string>? Args { get; set; }

    public List<string>? Env { get; set; }

    /// <summary>Seconds; 0 waits for ever.</summary>
    public long Timeout { get; set; }
}

/// <summary>Resources of the VM (Go <c>Resources</c>, renamed so it does not read like container resources).</summary>
public sealed class VmResources
{
    /// <summary>MiB.</summary>
    public ulong Memory { get; set; }
}

/// <summary>
/// Hypervisor settings (Go <c>HypervisorConfig</c>). The Go struct also has an unexported
/// <c>customAssets</c> map that is never serialised: custom kernel and image come back from the pod
/// annotations on every load, so the model leaves it out.
/// </summary>
public sealed class HypervisorConfig
{
    public string KernelPath { get; set; } = "";

    public string ImagePath { get; set; } = "";

    public string FirmwarePath { get; set; } = "";

    public string MachineAccelerators { get; set; } = "";

    public string HypervisorPath { get; set; } = "";

    public bool DisableBlockDeviceUse { get; set; }

    /// <summary>One of <see cref="BlockDeviceDrivers"/>.</summary>
    public string BlockDeviceDriver { get; set; } = "";

    public List<Param>? KernelParams { get; set; }

    public List<Param>? HypervisorParams { get; set; }

    public string HypervisorMachineType { get; set; } = "";

    public bool Debug { get; set; }

    [JsonPropertyName("DefaultVCPUs")]
    public uint DefaultVcpus { get; set; }

    [JsonPropertyName("DefaultMaxVCPUs")]
    public uint DefaultMaxVcpus { get; set; }

    /// <summary>MiB.</summary>
    public uint DefaultMemSz { get; set; }

    public uint DefaultBridges { get; set; }

    public bool MemPrealloc { get; set; }

    public bool HugePages { get; set; }

    public bool Realtime { get; set; }

    public bool Mlock { get; set; }

    public bool DisableNestingChecks { get; set; }
}

/// <summary>A kernel or hypervisor parameter; an empty <see cref="Value"/> means a bare flag.</summary>
public sealed class Param
{
    public string Key { get; set; } = "";

    public string Value { get; set; } = "";
}

/// <summary>Proxy settings. A concrete struct in Go, unlike the agent and shim configs.</summary>
public sealed class ProxyConfig
{
    public string Path { get; set; } = "";

    public bool Debug { get; set; }
}

/// <summary>Pod network settings (Go <c>NetworkConfig</c>).</summary>
public sealed class NetworkConfig
{
    [JsonPropertyName("NetNSPath")]
    public string NetNsPath { get; set; } = "";

    public long NumInterfaces { get; set; }

    public NetInterworkingModel InterworkingModel { get; set; }
}

/// <summary>A host directory shared with the VM under a 9p mount tag.</summary>
public sealed class Volume
{
    public string MountTag { get; set; } = "";

    public string HostPath { get; set; } = "";
}
