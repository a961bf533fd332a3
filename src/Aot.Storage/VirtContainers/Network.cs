using System.Text.Json.Serialization;
using Aot.Storage.Json;

namespace Aot.Storage.VirtContainers;

/// <summary>How a pod's virtual NIC is connected to its tap device (Go <c>NetInterworkingModel</c>, an <c>int</c>).</summary>
public enum NetInterworkingModel : long
{
    /// <summary>Unset; Go uses <see cref="Macvtap"/>.</summary>
    Default = 0,
    Bridged = 1,
    Macvtap = 2,
    Enlightened = 3,

    /// <summary>Go's end-of-list sentinel (<c>NetXConnectInvalid</c>), not a real model.</summary>
    Invalid = 4,
}

/// <summary>
/// <c>&lt;run root&gt;/&lt;pod&gt;/network.json</c>. Go writes it through custom JSON methods: each endpoint
/// as <c>{"Type":EndpointType,"Data":endpoint}</c>, no endpoints as <c>"Endpoints":null</c>. Written once
/// the endpoints are attached, so it holds the tap data and the fd counts.
/// </summary>
public sealed class NetworkNamespace
{
    public string NetNsPath { get; set; } = "";

    public bool NetNsCreated { get; set; }

    public List<Endpoint>? Endpoints { get; set; }
}

/// <summary>
/// A pod network endpoint. Go takes the envelope tag from the endpoint's own <c>EndpointType</c> field, so
/// every case declares that field and initialises it to its tag.
/// </summary>
[JsonUnion]
public abstract class Endpoint
{
}

/// <summary>A veth pair from the CNI/CNM plugin, bridged or macvtap'ed to a tap device of the VM.</summary>
[UnionCase(EndpointTypes.Virtual)]
public sealed class VirtualEndpoint : Endpoint
{
    public NetworkInterfacePair NetPair { get; set; } = new();

    public NetworkInfo EndpointProperties { get; set; } = new();

    public bool Physical { get; set; }

    public string EndpointType { get; set; } = EndpointTypes.Virtual;
}

/// <summary>A host NIC passed through to the VM with VFIO.</summary>
[UnionCase(EndpointTypes.Physical)]
public sealed class PhysicalEndpoint : Endpoint
{
    public string IfaceName { get; set; } = "";

    /// <summary>MAC address as text, e.g. <c>52:54:00:12:34:56</c>.</summary>
    public string HardAddr { get; set; } = "";

    public NetworkInfo EndpointProperties { get; set; } = new();

    public string EndpointType { get; set; } = EndpointTypes.Physical;

    /// <summary>Full PCI address including the domain, e.g. <c>0000:03:00.0</c>.</summary>
    [JsonPropertyName("BDF")]
    public string Bdf { get; set; } = "";

    /// <summary>Host driver the NIC was bound to before VFIO took it.</summary>
    public string Driver { get; set; } = "";

    /// <summary>e.g. <c>0x8086 0x10fb</c>.</summary>
    [JsonPropertyName("VendorDeviceID")]
    public string VendorDeviceId { get; set; } = "";
}

/// <summary>A vhost-user socket standing in for a NIC.</summary>
[UnionCase(EndpointTypes.VhostUser)]
public sealed class VhostUserEndpoint : Endpoint
{
    public string SocketPath { get; set; } = "";

    /// <summary>MAC address as text.</summary>
    public string HardAddr { get; set; } = "";

    public string IfaceName { get; set; } = "";

    public NetworkInfo EndpointProperties { get; set; } = new();

    public string EndpointType { get; set; } = EndpointTypes.VhostUser;
}

/// <summary>
/// An endpoint whose tag the model does not know, kept as its tag and raw payload so that it is written
/// back unchanged. (Go logs and drops it.)
/// </summary>
[UnknownUnionCase]
public sealed class UnknownEndpoint : Endpoint
{
    public UnknownEndpoint(string tag, RawJson? data)
    {
        Tag = tag;
        Data = data;
    }

    public string Tag { get; }

    /// <summary>The payload as written, or <see langword="null"/> when it was null or absent.</summary>
    public RawJson? Data { get; }
}

/// <summary>The veth side and the tap side of a <see cref="VirtualEndpoint"/>.</summary>
public sealed class NetworkInterfacePair
{
    /// <summary>A UUID.</summary>
    [JsonPropertyName("ID")]
    public string Id { get; set; } = "";

    /// <summary>Bridge name, <c>br&lt;index&gt;</c>.</summary>
    public string Name { get; set; } = "";

    public NetworkInterface VirtIface { get; set; } = new();

    [JsonPropertyName("TAPIface")]
    public NetworkInterface TapIface { get; set; } = new();

    /// <summary>An embedded (non-struct) field in Go, so its key is the type name.</summary>
    public NetInterworkingModel NetInterworkingModel { get; set; }

    /// <summary>Go <c>[]*os.File</c> of the VM's queues: one <c>{}</c> per fd (8 with macvtap).</summary>
    [JsonPropertyName("VMFds")]
    public List<OsFile?>? VmFds { get; set; }

    /// <summary>Go <c>[]*os.File</c> of the vhost-net fds: one <c>{}</c> per fd.</summary>
    public List<OsFile?>? VhostFds { get; set; }
}

/// <summary>
/// A Go <c>*os.File</c> as stored. <c>os.File</c> has no exported fields, so Go writes <c>{}</c> and reads
/// back an unusable file object: the descriptor itself is never persisted, only how many there were.
/// Keeping one (empty) object per element is what makes a rewrite byte-identical.
/// </summary>
public sealed class OsFile
{
}

/// <summary>One side of a <see cref="NetworkInterfacePair"/>.</summary>
public sealed class NetworkInterface
{
    public string Name { get; set; } = "";

    /// <summary>MAC address as text, e.g. <c>02:00:ca:fe:00:00</c>.</summary>
    public string HardAddr { get; set; } = "";

    public List<NetlinkAddress>? Addrs { get; set; }
}

/// <summary>The network configuration of an endpoint's interface, as read from netlink on the host.</summary>
public sealed class NetworkInfo
{
    public NetlinkIface Iface { get; set; } = new();

    public List<NetlinkAddress>? Addrs { get; set; }

    public List<Route>? Routes { get; set; }

    [JsonPropertyName("DNS")]
    public DnsInfo Dns { get; set; } = new();
}

/// <summary>
/// netlink <c>LinkAttrs</c> plus the link type. Go embeds <c>LinkAttrs</c>, so its twenty keys come first,
/// flattened into this object, followed by <c>Type</c>.
/// </summary>
public sealed class NetlinkIface
{
    [JsonEmbedded]
    public LinkAttributes LinkAttributes { get; set; } = new();

    /// <summary>netlink link type, e.g. <c>veth</c>, <c>device</c>.</summary>
    public string Type { get; set; } = "";
}

/// <summary>DNS settings of an endpoint (Go <c>DNSInfo</c>); the network code of this Go version leaves them empty.</summary>
public sealed class DnsInfo
{
    public List<string>? Servers { get; set; }

    public string Domain { get; set; } = "";

    public List<string>? Searches { get; set; }

    public List<string>? Options { get; set; }
}
