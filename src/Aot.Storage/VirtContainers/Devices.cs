using System.Text.Json.Serialization;
using Aot.Storage.Json;

namespace Aot.Storage.VirtContainers;

/// <summary>
/// A device node given to a container: an element of <see cref="ContainerConfig.DeviceInfos"/> and the
/// <c>DeviceInfo</c> of every <see cref="Device"/>.
/// </summary>
public sealed class DeviceInfo
{
    public string HostPath { get; set; } = "";

    public string ContainerPath { get; set; } = "";

    /// <summary>One of <see cref="DevTypes"/>.</summary>
    public string DevType { get; set; } = "";

    public long Major { get; set; }

    public long Minor { get; set; }

    /// <summary>Go <c>os.FileMode</c> as its raw number: permission bits plus Go's own mode flags (not <c>st_mode</c>).</summary>
    public uint FileMode { get; set; }

    [JsonPropertyName("UID")]
    public uint Uid { get; set; }

    [JsonPropertyName("GID")]
    public uint Gid { get; set; }

    public bool Hotplugged { get; set; }

    /// <summary>Block devices: 16 random hex digits, the drive is named <c>drive-&lt;ID&gt;</c>.</summary>
    [JsonPropertyName("ID")]
    public string Id { get; set; } = "";
}

/// <summary>
/// An element of <c>&lt;run root&gt;/&lt;pod&gt;/&lt;container&gt;/devices.json</c>, written by Go as
/// <c>{"Type":tag,"Data":device}</c>. Go takes the tag from the device's own <c>DeviceType</c> field, so
/// every case declares that field and initialises it to its tag. Go writes an empty list as <c>null</c>.
/// </summary>
[JsonUnion]
public abstract class Device
{
}

/// <summary>A VFIO (PCI pass-through) device (Go <c>VFIODevice</c>).</summary>
[UnionCase(DeviceTypes.Vfio)]
public sealed class VfioDevice : Device
{
    public string DeviceType { get; set; } = DeviceTypes.Vfio;

    public DeviceInfo DeviceInfo { get; set; } = new();

    /// <summary>PCI address without the domain, e.g. <c>02:10.0</c>.</summary>
    [JsonPropertyName("BDF")]
    public string Bdf { get; set; } = "";
}

/// <summary>A block device hot-plugged into the VM.</summary>
[UnionCase(DeviceTypes.Block)]
public sealed class BlockDevice : Device
{
    public string DeviceType { get; set; } = DeviceTypes.Block;

    public DeviceInfo DeviceInfo { get; set; } = new();

    /// <summary><c>&lt;scsi id&gt;:&lt;lun&gt;</c>, set with the virtio-scsi driver.</summary>
    [JsonPropertyName("SCSIAddr")]
    public string ScsiAddr { get; set; } = "";

    /// <summary><c>/dev/vdX</c> in the guest, set with the virtio-blk driver.</summary>
    public string VirtPath { get; set; } = "";
}

/// <summary>Any other device node, passed through by the agent.</summary>
[UnionCase(DeviceTypes.Generic)]
public sealed class GenericDevice : Device
{
    public string DeviceType { get; set; } = DeviceTypes.Generic;

    public DeviceInfo DeviceInfo { get; set; } = new();
}

/// <summary>
/// A vhost-user network device. Go writes it (its fields come from the embedded
/// <c>VhostUserDeviceAttrs</c>, flattened here) but its reader rejects the tag; the model reads it.
/// </summary>
[UnionCase(DeviceTypes.VhostUserNet)]
public sealed class VhostUserNetDevice : Device
{
    public string DeviceType { get; set; } = DeviceTypes.VhostUserNet;

    public DeviceInfo DeviceInfo { get; set; } = new();

    public string SocketPath { get; set; } = "";

    [JsonPropertyName("ID")]
    public string Id { get; set; } = "";

    public string MacAddress { get; set; } = "";
}

/// <summary>A vhost-user SCSI device; written by Go, not read back by it (see <see cref="VhostUserNetDevice"/>).</summary>
[UnionCase(DeviceTypes.VhostUserScsi)]
public sealed class VhostUserScsiDevice : Device
{
    public string DeviceType { get; set; } = DeviceTypes.VhostUserScsi;

    public DeviceInfo DeviceInfo { get; set; } = new();

    public string SocketPath { get; set; } = "";

    [JsonPropertyName("ID")]
    public string Id { get; set; } = "";
}

/// <summary>A vhost-user block device; written by Go, not read back by it (see <see cref="VhostUserNetDevice"/>).</summary>
[UnionCase(DeviceTypes.VhostUserBlk)]
public sealed class VhostUserBlkDevice : Device
{
    public string DeviceType { get; set; } = DeviceTypes.VhostUserBlk;

    public DeviceInfo DeviceInfo { get; set; } = new();

    public string SocketPath { get; set; } = "";

    [JsonPropertyName("ID")]
    public string Id { get; set; } = "";
}

/// <summary>
/// A device whose tag the model does not know, kept as its tag and raw payload so that it is written back
/// unchanged. (Go rejects the whole devices.json in that case.)
/// </summary>
[UnknownUnionCase]
public sealed class UnknownDevice : Device
{
    public UnknownDevice(string tag, RawJson? data)
    {
        Tag = tag;
        Data = data;
    }

    public string Tag { get; }

    /// <summary>The payload as written, or <see langword="null"/> when it was null or absent.</summary>
    public RawJson? Data { get; }
}
