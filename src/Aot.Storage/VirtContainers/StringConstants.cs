namespace Aot.Storage.VirtContainers;

// Go declares these as string-typed enums (type HypervisorType string, ...). They have no JSON methods,
// so the file holds the bare text and Go never validates it on read; the model therefore keeps plain
// string properties and lists the known values here.

/// <summary>Values of <see cref="PodConfig.HypervisorType"/>.</summary>
public static class HypervisorTypes
{
    public const string Qemu = "qemu";
    public const string Mock = "mock";
}

/// <summary>Values of <see cref="PodConfig.AgentType"/>; also the tag that selects the <see cref="AgentConfig"/> case.</summary>
public static class AgentTypes
{
    public const string Noop = "noop";
    public const string Hyperstart = "hyperstart";
    public const string Kata = "kata";
}

/// <summary>Values of <see cref="PodConfig.ProxyType"/>.</summary>
public static class ProxyTypes
{
    public const string NoopProxy = "noopProxy";
    public const string NoProxy = "noProxy";
    public const string CcProxy = "ccProxy";
    public const string KataProxy = "kataProxy";
}

/// <summary>Values of <see cref="PodConfig.ShimType"/>; also the tag that selects the <see cref="ShimConfig"/> case.</summary>
public static class ShimTypes
{
    public const string CcShim = "ccShim";
    public const string NoopShim = "noopShim";
    public const string KataShim = "kataShim";
}

/// <summary>Values of <see cref="PodConfig.NetworkModel"/> (case-sensitive in Go: <c>"cni"</c> is not <see cref="Cni"/>).</summary>
public static class NetworkModels
{
    public const string Noop = "noop";
    public const string Cni = "CNI";
    public const string Cnm = "CNM";
}

/// <summary>Values of <see cref="HypervisorConfig.BlockDeviceDriver"/>.</summary>
public static class BlockDeviceDrivers
{
    public const string VirtioScsi = "virtio-scsi";
    public const string VirtioBlock = "virtio-blk";
}

/// <summary>Values of the <c>state</c> key of <see cref="LifecycleState"/>; the empty string means "never set".</summary>
public static class LifecycleStates
{
    public const string Unset = "";
    public const string Ready = "ready";
    public const string Running = "running";
    public const string Paused = "paused";
    public const string Stopped = "stopped";
}

/// <summary>Device type strings: the envelope tag of devices.json and each device's own <c>DeviceType</c>.</summary>
public static class DeviceTypes
{
    public const string Vfio = "vfio";
    public const string Block = "block";
    public const string Generic = "generic";

    /// <summary>Written by Go but rejected by its reader ("Unknown device type").</summary>
    public const string VhostUserNet = "virtio-net-pci";

    /// <summary>Written by Go but rejected by its reader ("Unknown device type").</summary>
    public const string VhostUserScsi = "vhost-user-scsi-pci";

    /// <summary>Written by Go but rejected by its reader ("Unknown device type").</summary>
    public const string VhostUserBlk = "vhost-user-blk-pci";
}

/// <summary>Values of <see cref="DeviceInfo.DevType"/> (the device node kind, as in <c>mknod</c>).</summary>
public static class DevTypes
{
    public const string CharDevice = "c";
    public const string BlockDevice = "b";
    public const string UnbufferedCharDevice = "u";
    public const string Fifo = "p";
}

/// <summary>Endpoint type strings: the envelope tag in network.json and each endpoint's own <c>EndpointType</c>.</summary>
public static class EndpointTypes
{
    public const string Physical = "physical";
    public const string Virtual = "virtual";
    public const string VhostUser = "vhost-user";
}

/// <summary>Values of <see cref="Bridge.Type"/>.</summary>
public static class BridgeTypes
{
    public const string Pci = "pci";

    /// <summary>Declared (untyped) by Go but not used by this version.</summary>
    public const string Pcie = "pcie";
}

/// <summary>Values of the <see cref="AnnotationKeys.ContainerType"/> annotation.</summary>
public static class ContainerTypes
{
    public const string PodSandbox = "pod_sandbox";
    public const string PodContainer = "pod_container";
    public const string Unknown = "unknown_container_type";
}

/// <summary>Annotation keys that virtcontainers and its OCI converter put in <c>Annotations</c> maps.</summary>
public static class AnnotationKeys
{
    private const string Prefix = "com.github.containers.virtcontainers.";

    /// <summary>The whole OCI spec, as a JSON document stored in a string.</summary>
    public const string OciConfig = Prefix + "pkg.oci.config";
    public const string BundlePath = Prefix + "pkg.oci.bundle_path";

    /// <summary>One of <see cref="ContainerTypes"/>.</summary>
    public const string ContainerType = Prefix + "pkg.oci.container_type";

    public const string KernelPath = Prefix + "KernelPath";
    public const string ImagePath = Prefix + "ImagePath";
    public const string KernelHash = Prefix + "KernelHash";
    public const string ImageHash = Prefix + "ImageHash";
    public const string AssetHashType = Prefix + "AssetHashType";
}
