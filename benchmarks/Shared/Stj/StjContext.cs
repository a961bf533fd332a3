using System.Net;
using System.Text.Json.Serialization;
using Aot.Storage.Json;
using Aot.Storage.VirtContainers;

namespace Aot.Storage.Benchmarks.Stj;

/// <summary>
/// System.Text.Json's own source generator on the Aot.Storage model: every stored payload type, plus the
/// union cases the envelope converters delegate to. The converters are what an STJ user has to write for
/// this model (see <see cref="StjConverters"/>); <c>GenerationMode.Default</c> keeps the serialization fast path.
/// </summary>
[JsonSourceGenerationOptions(
    Converters =
    [
        typeof(DeviceEnvelopeConverter),
        typeof(EndpointEnvelopeConverter),
        typeof(AgentConfigConverter),
        typeof(ShimConfigConverter),
        typeof(RouteDestinationConverter),
        typeof(RouteEncapConverter),
        typeof(IPAddressConverter),
        typeof(TimestampConverter),
        typeof(RawJsonConverter),
        typeof(NetlinkIfaceConverter),
        typeof(NetlinkAddressConverter),
    ])]
[JsonSerializable(typeof(PodConfig))]
[JsonSerializable(typeof(ContainerConfig))]
[JsonSerializable(typeof(LifecycleState))]
[JsonSerializable(typeof(NetworkNamespace))]
[JsonSerializable(typeof(QemuState))]
[JsonSerializable(typeof(AgentState))]
[JsonSerializable(typeof(ContainerProcess))]
[JsonSerializable(typeof(List<Mount>))]
[JsonSerializable(typeof(List<Device>))]
[JsonSerializable(typeof(VfioDevice))]
[JsonSerializable(typeof(BlockDevice))]
[JsonSerializable(typeof(GenericDevice))]
[JsonSerializable(typeof(VhostUserNetDevice))]
[JsonSerializable(typeof(VhostUserScsiDevice))]
[JsonSerializable(typeof(VhostUserBlkDevice))]
[JsonSerializable(typeof(VirtualEndpoint))]
[JsonSerializable(typeof(PhysicalEndpoint))]
[JsonSerializable(typeof(VhostUserEndpoint))]
[JsonSerializable(typeof(KataAgentConfig))]
[JsonSerializable(typeof(HyperConfig))]
[JsonSerializable(typeof(KataShimConfig))]
[JsonSerializable(typeof(CcShimConfig))]
[JsonSerializable(typeof(MplsDestination))]
[JsonSerializable(typeof(MplsEncap))]
[JsonSerializable(typeof(Seg6Encap))]
[JsonSerializable(typeof(LinkAttributes))]
[JsonSerializable(typeof(IPNet))]
[JsonSerializable(typeof(IPAddress))]
[JsonSerializable(typeof(Timestamp))]
[JsonSerializable(typeof(RawJson))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(uint))]
[JsonSerializable(typeof(InterfaceFlags))]
[JsonSerializable(typeof(LinkOperState))]
[JsonSerializable(typeof(List<NetlinkAddress>))]
[JsonSerializable(typeof(List<Route>))]
public sealed partial class StjContext : JsonSerializerContext
{
}

/// <summary>
/// The plain object shapes of the two types whose Go struct embeds another (<c>[JsonEmbedded]</c>): STJ has
/// no flattening, so <see cref="EmbeddedMemberConverter{TOuter, TInner}"/> reads their property list from here.
/// </summary>
[JsonSourceGenerationOptions(
    GenerationMode = JsonSourceGenerationMode.Metadata,
    Converters = [typeof(IPAddressConverter), typeof(RawJsonConverter), typeof(RouteDestinationConverter), typeof(RouteEncapConverter)])]
[JsonSerializable(typeof(NetlinkIface))]
[JsonSerializable(typeof(NetlinkAddress))]
public sealed partial class StjShapeContext : JsonSerializerContext
{
}
