using System.Text.Json.Serialization;

namespace Aot.Storage.VirtContainers;

/// <summary>
/// A container's configuration: <c>&lt;config root&gt;/&lt;pod&gt;/&lt;container&gt;/config.json</c> and each
/// element of <see cref="PodConfig.Containers"/>. Reloads use the copy inside the pod config.
/// </summary>
public sealed class ContainerConfig
{
    [JsonPropertyName("ID")]
    public string Id { get; set; } = "";

    /// <summary>Host path of the container rootfs.</summary>
    public string RootFs { get; set; } = "";

    public bool ReadonlyRootfs { get; set; }

    public ContainerCommand Cmd { get; set; } = new();

    /// <summary>
    /// Set by the OCI converter: <see cref="AnnotationKeys.OciConfig"/> holds the whole OCI spec as a JSON
    /// string, plus <see cref="AnnotationKeys.BundlePath"/> and <see cref="AnnotationKeys.ContainerType"/>.
    /// </summary>
    public Dictionary<string, string>? Annotations { get; set; }

    public List<Mount>? Mounts { get; set; }

    public List<DeviceInfo>? DeviceInfos { get; set; }

    public ContainerResources Resources { get; set; } = new();
}

/// <summary>The container's process (Go <c>Cmd</c>).</summary>
public sealed class ContainerCommand
{
    public List<string>? Args { get; set; }

    public List<EnvVar>? Envs { get; set; }

    public string WorkDir { get; set; } = "";

    /// <summary>User name or numeric uid as text: the runtime passes on what it was given without looking it up.</summary>
    public string User { get; set; } = "";

    /// <summary>Group name or numeric gid as text, like <see cref="User"/>.</summary>
    public string PrimaryGroup { get; set; } = "";

    /// <summary>Group names or numeric gids as text, like <see cref="User"/>.</summary>
    public List<string>? SupplementaryGroups { get; set; }

    public bool Interactive { get; set; }

    public string Console { get; set; } = "";

    public bool Detach { get; set; }

    public bool NoNewPrivileges { get; set; }

    public LinuxCapabilities Capabilities { get; set; } = new();
}

/// <summary>One environment variable of <see cref="ContainerCommand.Envs"/>.</summary>
public sealed class EnvVar
{
    public string Var { get; set; } = "";

    public string Value { get; set; } = "";
}

/// <summary>Capability sets, as <c>CAP_*</c> names.</summary>
public sealed class LinuxCapabilities
{
    public List<string>? Bounding { get; set; }

    public List<string>? Effective { get; set; }

    public List<string>? Inheritable { get; set; }

    public List<string>? Permitted { get; set; }

    public List<string>? Ambient { get; set; }
}

/// <summary>CPU limits of the container (CFS quota and period in microseconds, shares).</summary>
public sealed class ContainerResources
{
    [JsonPropertyName("CPUQuota")]
    public long CpuQuota { get; set; }

    [JsonPropertyName("CPUPeriod")]
    public ulong CpuPeriod { get; set; }

    [JsonPropertyName("CPUShares")]
    public ulong CpuShares { get; set; }
}
