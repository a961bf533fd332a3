using System.Net;
using System.Text.Json.Serialization;
using Aot.Storage.Json;

namespace Aot.Storage.VirtContainers;

// Types of the vendored github.com/vishvananda/netlink (revision c2a3de3b) and of Go's net package that
// network.json embeds as they are. They have no JSON tags: keys are the Go field names.

/// <summary>Go <c>net.Flags</c> (a <c>uint</c>), written as its number.</summary>
[Flags]
public enum InterfaceFlags : ulong
{
    None = 0,
    Up = 1,
    Broadcast = 2,
    Loopback = 4,
    PointToPoint = 8,
    Multicast = 16,
}

/// <summary>netlink <c>LinkOperState</c> (a <c>uint8</c>, RFC 2863 operational state).</summary>
public enum LinkOperState : byte
{
    Unknown = 0,
    NotPresent = 1,
    Down = 2,
    LowerLayerDown = 3,
    Testing = 4,
    Dormant = 5,
    Up = 6,
}

/// <summary>netlink <c>Scope</c> of a route (a <c>uint8</c>, <c>RT_SCOPE_*</c>).</summary>
public enum RouteScope : byte
{
    Universe = 0,
    Site = 200,
    Link = 253,
    Host = 254,
    Nowhere = 255,
}

/// <summary>netlink <c>LinkAttrs</c>: the attributes common to every link type.</summary>
public sealed class LinkAttributes
{
    public long Index { get; set; }

    [JsonPropertyName("MTU")]
    public long Mtu { get; set; }

    public long TxQLen { get; set; }

    public string Name { get; set; } = "";

    /// <summary>Go <c>net.HardwareAddr</c>: a byte slice, so written as base64 (<c>null</c> when absent).</summary>
    public byte[]? HardwareAddr { get; set; }

    public InterfaceFlags Flags { get; set; }

    /// <summary>The kernel's <c>IFF_*</c> flags, unconverted.</summary>
    public uint RawFlags { get; set; }

    public long ParentIndex { get; set; }

    public long MasterIndex { get; set; }

    /// <summary>
    /// Go <c>interface{}</c> holding an <c>NsPid</c> or <c>NsFd</c> (ints) or nil. The type is lost on
    /// disk (Go reads the number back as a float), so the value is kept as raw JSON.
    /// </summary>
    public RawJson? Namespace { get; set; }

    public string Alias { get; set; } = "";

    public LinkStatistics? Statistics { get; set; }

    public long Promisc { get; set; }

    public LinkXdp? Xdp { get; set; }

    public string EncapType { get; set; } = "";

    public Protinfo? Protinfo { get; set; }

    public LinkOperState OperState { get; set; }

    [JsonPropertyName("NetNsID")]
    public long NetNsId { get; set; }

    public long NumTxQueues { get; set; }

    public long NumRxQueues { get; set; }
}

/// <summary>netlink <c>LinkStatistics</c> (= <c>LinkStatistics64</c>): interface counters.</summary>
public sealed class LinkStatistics
{
    public ulong RxPackets { get; set; }

    public ulong TxPackets { get; set; }

    public ulong RxBytes { get; set; }

    public ulong TxBytes { get; set; }

    public ulong RxErrors { get; set; }

    public ulong TxErrors { get; set; }

    public ulong RxDropped { get; set; }

    public ulong TxDropped { get; set; }

    public ulong Multicast { get; set; }

    public ulong Collisions { get; set; }

    public ulong RxLengthErrors { get; set; }

    public ulong RxOverErrors { get; set; }

    public ulong RxCrcErrors { get; set; }

    public ulong RxFrameErrors { get; set; }

    public ulong RxFifoErrors { get; set; }

    public ulong RxMissedErrors { get; set; }

    public ulong TxAbortedErrors { get; set; }

    public ulong TxCarrierErrors { get; set; }

    public ulong TxFifoErrors { get; set; }

    public ulong TxHeartbeatErrors { get; set; }

    public ulong TxWindowErrors { get; set; }

    public ulong RxCompressed { get; set; }

    public ulong TxCompressed { get; set; }
}

/// <summary>netlink <c>LinkXdp</c>: the XDP program attached to a link.</summary>
public sealed class LinkXdp
{
    public long Fd { get; set; }

    public bool Attached { get; set; }

    public uint Flags { get; set; }

    public uint ProgId { get; set; }
}

/// <summary>netlink <c>Protinfo</c>: bridge port flags.</summary>
public sealed class Protinfo
{
    public bool Hairpin { get; set; }

    public bool Guard { get; set; }

    public bool FastLeave { get; set; }

    public bool RootBlock { get; set; }

    public bool Learning { get; set; }

    public bool Flood { get; set; }

    public bool ProxyArp { get; set; }

    public bool ProxyArpWiFi { get; set; }
}

/// <summary>
/// netlink <c>Addr</c>: an interface address. Go embeds a <c>*net.IPNet</c>, so its <c>IP</c> and
/// <c>Mask</c> keys come first, flattened, and are left out entirely when the pointer is nil.
/// </summary>
public sealed class NetlinkAddress
{
    [JsonEmbedded]
    public IPNet? IPNet { get; set; }

    public string Label { get; set; } = "";

    /// <summary><c>IFA_F_*</c>; 128 is permanent.</summary>
    public long Flags { get; set; }

    /// <summary>A plain <c>int</c> here (0 universe, 253 link, 254 host), unlike <see cref="Route.Scope"/>.</summary>
    public long Scope { get; set; }

    /// <summary>This netlink version sets it to the address itself (<c>IFA_ADDRESS</c>).</summary>
    public IPNet? Peer { get; set; }

    /// <summary>Go <c>net.IP</c>: written as text, <c>""</c> when null.</summary>
    public IPAddress? Broadcast { get; set; }

    /// <summary>Seconds; 4294967295 is forever. The key keeps netlink's misspelling.</summary>
    [JsonPropertyName("PreferedLft")]
    public long PreferredLft { get; set; }

    /// <summary>Seconds; 4294967295 is forever.</summary>
    public long ValidLft { get; set; }
}

/// <summary>Go <c>net.IPNet</c>: an address and its mask.</summary>
public sealed class IPNet
{
    /// <summary>Go <c>net.IP</c>: written as text (dotted quad or RFC 5952), <c>""</c> when null.</summary>
    public IPAddress? IP { get; set; }

    /// <summary>Go <c>net.IPMask</c>: a byte slice, so written as base64 (<c>null</c> when absent).</summary>
    public byte[]? Mask { get; set; }
}

/// <summary>netlink <c>Route</c>.</summary>
public sealed class Route
{
    public long LinkIndex { get; set; }

    public long ILinkIndex { get; set; }

    public RouteScope Scope { get; set; }

    /// <summary>Null for the default route.</summary>
    public IPNet? Dst { get; set; }

    /// <summary>Go <c>net.IP</c>: written as text, <c>""</c> when null.</summary>
    public IPAddress? Src { get; set; }

    /// <summary>Go <c>net.IP</c>: written as text, <c>""</c> when null.</summary>
    public IPAddress? Gw { get; set; }

    public List<NexthopInfo?>? MultiPath { get; set; }

    /// <summary><c>RTPROT_*</c>: 2 kernel, 3 boot, 4 static.</summary>
    public long Protocol { get; set; }

    public long Priority { get; set; }

    /// <summary>254 is the main table.</summary>
    public long Table { get; set; }

    /// <summary><c>RTN_*</c>: 1 unicast.</summary>
    public long Type { get; set; }

    public long Tos { get; set; }

    public long Flags { get; set; }

    /// <summary>Go <c>*int</c>.</summary>
    [JsonPropertyName("MPLSDst")]
    public long? MplsDst { get; set; }

    /// <summary>Go interface <c>netlink.Destination</c>; Go can write it but fails to read a non-null one.</summary>
    public RouteDestination? NewDst { get; set; }

    /// <summary>Go interface <c>netlink.Encap</c>; Go can write it but fails to read a non-null one.</summary>
    public RouteEncap? Encap { get; set; }

    [JsonPropertyName("MTU")]
    public long Mtu { get; set; }

    [JsonPropertyName("AdvMSS")]
    public long AdvMss { get; set; }
}

/// <summary>netlink <c>NexthopInfo</c>: one path of a multipath route.</summary>
public sealed class NexthopInfo
{
    public long LinkIndex { get; set; }

    public long Hops { get; set; }

    /// <summary>Go <c>net.IP</c>: written as text, <c>""</c> when null.</summary>
    public IPAddress? Gw { get; set; }

    public long Flags { get; set; }

    public RouteDestination? NewDst { get; set; }

    public RouteEncap? Encap { get; set; }
}

/// <summary>
/// netlink <c>Destination</c>, a Go interface written as the bare concrete struct. Nothing on disk names
/// the type, so the case is told by its keys.
/// </summary>
[JsonUnion(Style = UnionStyle.Shape)]
public abstract class RouteDestination
{
}

/// <summary>netlink <c>MPLSDestination</c>: the MPLS label stack to swap in.</summary>
[UnionCase(IdentifyingProperties = new[] { "Labels" })]
public sealed class MplsDestination : RouteDestination
{
    public List<long>? Labels { get; set; }
}

/// <summary>A destination of a shape the model does not know, kept verbatim.</summary>
[UnknownUnionCase]
public sealed class UnknownRouteDestination : RouteDestination
{
    public UnknownRouteDestination(RawJson data)
    {
        Data = data;
    }

    public RawJson Data { get; }
}

/// <summary>
/// netlink <c>Encap</c>, a Go interface written as the bare concrete struct. Nothing on disk names the
/// type, so the case is told by its keys.
/// </summary>
[JsonUnion(Style = UnionStyle.Shape)]
public abstract class RouteEncap
{
}

/// <summary>netlink <c>MPLSEncap</c>: the MPLS label stack to push.</summary>
[UnionCase(IdentifyingProperties = new[] { "Labels" })]
public sealed class MplsEncap : RouteEncap
{
    public List<long>? Labels { get; set; }
}

/// <summary>netlink <c>SEG6Encap</c>: an IPv6 segment routing header.</summary>
[UnionCase(IdentifyingProperties = new[] { "Mode", "Segments" })]
public sealed class Seg6Encap : RouteEncap
{
    public long Mode { get; set; }

    /// <summary>Go <c>[]net.IP</c>: each written as text, <c>""</c> when null.</summary>
    public List<IPAddress?>? Segments { get; set; }
}

/// <summary>An encapsulation of a shape the model does not know, kept verbatim.</summary>
[UnknownUnionCase]
public sealed class UnknownRouteEncap : RouteEncap
{
    public UnknownRouteEncap(RawJson data)
    {
        Data = data;
    }

    public RawJson Data { get; }
}
