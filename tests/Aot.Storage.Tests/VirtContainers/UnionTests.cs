using System.Net;
using System.Text;
using Aot.Storage.Json;
using Aot.Storage.VirtContainers;

namespace Aot.Storage.Tests.VirtContainers;

/// <summary>The tagged unions: every case both ways, unknown tags kept, and the envelope read in any order.</summary>
public sealed class UnionTests
{
    private static readonly JsonCodec<List<Device>?> s_devices = VirtContainersStore.Codecs.ListOfDevice;
    private static readonly JsonCodec<NetworkNamespace> s_network = VirtContainersStore.Codecs.NetworkNamespace;
    private static readonly JsonCodec<PodConfig> s_pod = VirtContainersStore.Codecs.PodConfig;
    private static readonly JsonCodec<Route> s_route = VirtContainersStore.Codecs.Route;

    private static string Write<T>(JsonCodec<T> codec, T value) => Encoding.UTF8.GetString(codec.Serialize(value));

    private static T Read<T>(JsonCodec<T> codec, string json) => codec.Deserialize(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Every_device_kind_round_trips_including_those_Go_could_not_read_back()
    {
        var devices = new List<Device>
        {
            new VfioDevice { Bdf = "02:10.0" },
            new BlockDevice { ScsiAddr = "0:2" },
            new GenericDevice(),
            new VhostUserNetDevice { SocketPath = "/run/vhu/net.sock", Id = "net0", MacAddress = "02:00:00:00:00:01" },
            new VhostUserScsiDevice { SocketPath = "/run/vhu/scsi.sock", Id = "scsi0" },
            new VhostUserBlkDevice { SocketPath = "/run/vhu/blk.sock", Id = "blk0" },
        };

        string json = Write(s_devices, devices);
        List<Device> read = Read(s_devices, json)!;

        Assert.Collection(
            read,
            d => Assert.Equal("02:10.0", Assert.IsType<VfioDevice>(d).Bdf),
            d => Assert.Equal("0:2", Assert.IsType<BlockDevice>(d).ScsiAddr),
            d => Assert.IsType<GenericDevice>(d),
            d => Assert.Equal("02:00:00:00:00:01", Assert.IsType<VhostUserNetDevice>(d).MacAddress),
            d => Assert.Equal("scsi0", Assert.IsType<VhostUserScsiDevice>(d).Id),
            d => Assert.Equal("blk0", Assert.IsType<VhostUserBlkDevice>(d).Id));
        Assert.Equal(json, Write(s_devices, read));
        Assert.StartsWith("""[{"Type":"vfio","Data":{"DeviceType":"vfio",""", json, StringComparison.Ordinal);
        Assert.Contains("""{"Type":"virtio-net-pci","Data":{"DeviceType":"virtio-net-pci",""", json, StringComparison.Ordinal);
    }

    [Fact]
    public void The_tag_comes_from_the_case_type_not_from_the_data()
    {
        // Go wrote the DeviceType field as the tag: an empty one made devices.json unreadable.
        string json = Write(s_devices, [new VfioDevice { DeviceType = string.Empty }]);

        Assert.StartsWith("""[{"Type":"vfio","Data":{"DeviceType":"",""", json, StringComparison.Ordinal);
        Assert.IsType<VfioDevice>(Assert.Single(Read(s_devices, json)!));
    }

    [Fact]
    public void An_unknown_device_tag_is_kept_and_written_back_byte_for_byte()
    {
        const string Json = """[{"Type":"nvme","Data":{"Path":"/dev/nvme0","Queues":[1,2.5e3,-0],"Nested":{"x":null,"y":"\u003ca\u003e"}}},{"Type":"generic","Data":null}]""";

        List<Device> read = Read(s_devices, Json)!;

        UnknownDevice unknown = Assert.IsType<UnknownDevice>(read[0]);
        Assert.Equal("nvme", unknown.Tag);
        Assert.Equal("""{"Path":"/dev/nvme0","Queues":[1,2.5e3,-0],"Nested":{"x":null,"y":"\u003ca\u003e"}}""", unknown.Data!.ToString());
        Assert.Equal("""[{"Type":"nvme","Data":{"Path":"/dev/nvme0","Queues":[1,2.5e3,-0],"Nested":{"x":null,"y":"\u003ca\u003e"}}},{"Type":"generic","Data":{"DeviceType":"generic","DeviceInfo":{"HostPath":"","ContainerPath":"","DevType":"","Major":0,"Minor":0,"FileMode":0,"UID":0,"GID":0,"Hotplugged":false,"ID":""}}}]""", Write(s_devices, read));
    }

    [Fact]
    public void Envelope_is_read_with_data_before_type_and_keys_in_any_case()
    {
        const string Json = """[{"data":{"BDF":"00:01.0"},"TYPE":"vfio"},{"Data":{"ScsiAddr":"1:1"},"Extra":[1,{"a":2}],"Type":"block"}]""";

        List<Device> read = Read(s_devices, Json)!;

        Assert.Equal("00:01.0", Assert.IsType<VfioDevice>(read[0]).Bdf);
        Assert.Equal("1:1", Assert.IsType<BlockDevice>(read[1]).ScsiAddr);
    }

    [Fact]
    public void Unknown_tag_without_data_keeps_a_null_payload()
    {
        List<Device> read = Read(s_devices, """[{"Type":"future"}]""")!;

        UnknownDevice unknown = Assert.IsType<UnknownDevice>(Assert.Single(read));
        Assert.Null(unknown.Data);
        Assert.Equal("""[{"Type":"future","Data":null}]""", Write(s_devices, read));
    }

    [Fact]
    public void Empty_device_list_is_written_as_an_empty_array_and_null_as_null()
    {
        // Go wrote both as null (W6); the model keeps the difference.
        Assert.Equal("[]", Write(s_devices, []));
        Assert.Equal("null", Write(s_devices, null));
        Assert.Empty(Read(s_devices, "[]")!);
        Assert.Null(Read(s_devices, "null"));
    }

    [Fact]
    public void Unknown_endpoint_types_are_kept_and_a_missing_endpoints_key_is_tolerated()
    {
        const string Json = """{"NetNsPath":"/n","NetNsCreated":true,"Endpoints":[{"Type":"macvlan","Data":{"If":"m0"}},{"Type":"vhost-user","Data":{"SocketPath":"/s"}}]}""";

        NetworkNamespace read = Read(s_network, Json);

        Assert.Equal("macvlan", Assert.IsType<UnknownEndpoint>(read.Endpoints![0]).Tag);
        Assert.Equal("/s", Assert.IsType<VhostUserEndpoint>(read.Endpoints[1]).SocketPath);
        Assert.Contains("""{"Type":"macvlan","Data":{"If":"m0"}}""", Write(s_network, read), StringComparison.Ordinal);
        Assert.Null(Read(s_network, """{"NetNsPath":"/n"}""").Endpoints);
    }

    [Fact]
    public void Agent_config_is_typed_by_AgentType_even_when_it_comes_first()
    {
        PodConfig pod = Read(s_pod, """{"AgentConfig":{"SockCtlName":"ctl","SockTtyName":"tty"},"AgentType":"hyperstart"}""");

        HyperConfig hyper = Assert.IsType<HyperConfig>(pod.AgentConfig);
        Assert.Equal("ctl", hyper.SockCtlName);
        Assert.Equal("tty", hyper.SockTtyName);
    }

    [Theory]
    [InlineData("""{"AgentType":"custom","AgentConfig":{"z":1,"a":[true]}}""", """{"z":1,"a":[true]}""")]
    [InlineData("""{"AgentType":"kata","AgentConfig":"not-an-object"}""", "\"not-an-object\"")]
    [InlineData("""{"AgentType":"kata","AgentConfig":{"GRPCSocket":42}}""", """{"GRPCSocket":42}""")]
    public void Agent_config_that_does_not_fit_a_known_case_is_kept_raw(string json, string raw)
    {
        PodConfig pod = Read(s_pod, json);

        UnknownAgentConfig unknown = Assert.IsType<UnknownAgentConfig>(pod.AgentConfig);
        Assert.Equal(raw, unknown.Data!.ToString());
        Assert.Contains("\"AgentConfig\":" + raw + ",", Write(s_pod, pod), StringComparison.Ordinal);
    }

    [Fact]
    public void Shim_config_cases_follow_ShimType()
    {
        PodConfig cc = Read(s_pod, """{"ShimType":"ccShim","ShimConfig":{"Path":"/cc","Debug":true}}""");
        PodConfig noop = Read(s_pod, """{"ShimType":"noopShim","ShimConfig":null}""");

        Assert.Equal("/cc", Assert.IsType<CcShimConfig>(cc.ShimConfig).Path);
        Assert.Null(noop.ShimConfig);
    }

    [Fact]
    public void Route_destinations_and_encaps_that_Go_could_not_read_are_read_and_written()
    {
        var route = new Route
        {
            NewDst = new MplsDestination { Labels = [100, 200] },
            Encap = new Seg6Encap { Mode = 1, Segments = [IPAddress.Parse("2001:db8::1"), IPAddress.Parse("2001:db8::2")] },
        };
        var mpls = new Route { Encap = new MplsEncap { Labels = [16] } };

        string json = Write(s_route, route);
        Route read = Read(s_route, json);
        Route readMpls = Read(s_route, Write(s_route, mpls));

        Assert.Contains("""
            "NewDst":{"Labels":[100,200]},"Encap":{"Mode":1,"Segments":["2001:db8::1","2001:db8::2"]}
            """, json, StringComparison.Ordinal);
        Assert.Equal([100L, 200L], Assert.IsType<MplsDestination>(read.NewDst).Labels!);
        Assert.Equal(2, Assert.IsType<Seg6Encap>(read.Encap).Segments!.Count);
        Assert.Equal([16L], Assert.IsType<MplsEncap>(readMpls.Encap).Labels!);
        Assert.Equal(json, Write(s_route, read));
    }

    [Fact]
    public void A_route_encap_of_unknown_shape_is_kept_raw()
    {
        Route read = Read(s_route, """{"Encap":{"Ip6Tunnel":{"Dst":"::1"}}}""");

        Assert.Equal("""{"Ip6Tunnel":{"Dst":"::1"}}""", Assert.IsType<UnknownRouteEncap>(read.Encap).Data!.ToString());
    }
}
