using System.Text;
using System.Text.Json;
using Aot.Storage.Json;
using Aot.Storage.Tests.Samples;
using Aot.Storage.Tests.TestVectors;
using Aot.Storage.VirtContainers;

namespace Aot.Storage.Tests.VirtContainers;

/// <summary>Every file the Go code wrote reads into the typed model and writes back byte for byte.</summary>
public sealed class GoldenFileTests
{
    public static TheoryData<string> Files() => new()
    {
        "podconfig.json",
        "podconfig-zero.json",
        "container-config.json",
        "container-config-zero.json",
        "state.json",
        "container-state.json",
        "state-zero.json",
        "process.json",
        "process-zero.json",
        "mounts.json",
        "mounts-empty.json",
        "devices.json",
        "devices-empty.json",
        "network.json",
        "network-physical.json",
        "network-vhostuser.json",
        "network-empty.json",
        "hypervisor.json",
        "hypervisor-zero.json",
        "agent.json",
        "agent-hyperstart.json",
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void Golden_file_round_trips_byte_identically(string fileName)
    {
        byte[] original = Golden.Read(fileName);

        byte[] rewritten = RoundTrip(fileName, original);

        Assert.Equal(Encoding.UTF8.GetString(original), Encoding.UTF8.GetString(rewritten));
        Assert.Equal(original, rewritten);
    }

    [Fact]
    public void Pod_config_whose_keys_Go_resorted_reads_back_as_an_equal_value_in_struct_order()
    {
        byte[] resorted = Golden.Read("podconfig.after-fetch-restore.json");

        byte[] rewritten = VirtContainersStore.Codecs.PodConfig.Serialize(VirtContainersStore.Codecs.PodConfig.Deserialize(resorted));

        Assert.NotEqual(resorted, rewritten);
        Assert.True(JsonValuesEqual(resorted, rewritten));
        // Struct order is what Go writes on the first store, so the value is the original file again.
        Assert.Equal(Golden.Read("podconfig.json"), rewritten);
    }

    [Fact]
    public void Agent_and_shim_configs_are_typed_by_their_sibling_tags()
    {
        PodConfig pod = VirtContainersStore.Codecs.PodConfig.Deserialize(Golden.Read("podconfig.json"));

        KataAgentConfig agent = Assert.IsType<KataAgentConfig>(pod.AgentConfig);
        Assert.Equal(string.Empty, agent.GrpcSocket);
        KataShimConfig shim = Assert.IsType<KataShimConfig>(pod.ShimConfig);
        Assert.Equal("/usr/libexec/kata-containers/kata-shim", shim.Path);
        Assert.True(shim.Debug);
    }

    public static TheoryData<string, Func<byte[]>> Samples() => new()
    {
        { "podconfig.json", () => VirtContainersStore.Codecs.PodConfig.Serialize(GoldenSamples.PodConfig()) },
        { "container-config.json", () => VirtContainersStore.Codecs.ContainerConfig.Serialize(GoldenSamples.ContainerConfig()) },
        { "state.json", () => VirtContainersStore.Codecs.LifecycleState.Serialize(GoldenSamples.PodState()) },
        { "container-state.json", () => VirtContainersStore.Codecs.LifecycleState.Serialize(GoldenSamples.ContainerState()) },
        { "process.json", () => VirtContainersStore.Codecs.ContainerProcess.Serialize(GoldenSamples.Process()) },
        { "mounts.json", () => VirtContainersStore.Codecs.ListOfMount.Serialize(GoldenSamples.Mounts()) },
        { "devices.json", () => VirtContainersStore.Codecs.ListOfDevice.Serialize(GoldenSamples.Devices()) },
        { "network.json", () => VirtContainersStore.Codecs.NetworkNamespace.Serialize(GoldenSamples.Network()) },
        { "network-physical.json", () => VirtContainersStore.Codecs.NetworkNamespace.Serialize(GoldenSamples.NetworkPhysical()) },
        { "network-vhostuser.json", () => VirtContainersStore.Codecs.NetworkNamespace.Serialize(GoldenSamples.NetworkVhostUser()) },
        { "hypervisor.json", () => VirtContainersStore.Codecs.QemuState.Serialize(GoldenSamples.QemuState()) },
        { "agent.json", () => VirtContainersStore.Codecs.AgentState.Serialize(GoldenSamples.AgentState()) },
        { "agent-hyperstart.json", () => VirtContainersStore.Codecs.AgentState.Serialize(GoldenSamples.AgentStateHyperstart()) },
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void Values_built_in_CSharp_write_the_bytes_Go_wrote(string fileName, Func<byte[]> serialize)
    {
        Assert.Equal(Golden.Text(fileName), Encoding.UTF8.GetString(serialize()));
    }

    [Fact]
    public void Zero_values_write_what_Go_writes_for_zero_structs()
    {
        Assert.Equal(Golden.Read("podconfig-zero.json"), VirtContainersStore.Codecs.PodConfig.Serialize(new PodConfig()));
        Assert.Equal(Golden.Read("container-config-zero.json"), VirtContainersStore.Codecs.ContainerConfig.Serialize(new ContainerConfig()));
        Assert.Equal(Golden.Read("state-zero.json"), VirtContainersStore.Codecs.LifecycleState.Serialize(new LifecycleState()));
        Assert.Equal(Golden.Read("process-zero.json"), VirtContainersStore.Codecs.ContainerProcess.Serialize(new ContainerProcess()));
        Assert.Equal(Golden.Read("hypervisor-zero.json"), VirtContainersStore.Codecs.QemuState.Serialize(new QemuState()));
        Assert.Equal(Golden.Read("network-empty.json"), VirtContainersStore.Codecs.NetworkNamespace.Serialize(new NetworkNamespace()));
        Assert.Equal("null"u8.ToArray(), VirtContainersStore.Codecs.ListOfDevice.Serialize(null));
        Assert.Equal("[]"u8.ToArray(), VirtContainersStore.Codecs.ListOfMount.Serialize([]));
    }

    [Fact]
    public void System_Text_Json_context_writes_and_reads_the_same_bytes()
    {
        byte[] golden = Golden.Read("podconfig.json");

        PodConfig? viaContext = JsonSerializer.Deserialize(golden, VirtContainersJsonContext.Default.PodConfig);
        byte[] written = JsonSerializer.SerializeToUtf8Bytes(viaContext!, VirtContainersJsonContext.Default.PodConfig);

        Assert.Equal(golden, written);
        Assert.Equal(Golden.Read("devices.json"), JsonSerializer.SerializeToUtf8Bytes(GoldenSamples.Devices(), VirtContainersJsonContext.Default.ListOfDevice));
        Assert.Equal(Golden.Read("network.json"), JsonSerializer.SerializeToUtf8Bytes(GoldenSamples.Network(), VirtContainersJsonContext.Default.NetworkNamespace));
    }

    [Fact]
    public void Context_resolves_metadata_for_every_payload_and_reachable_type()
    {
        var options = new JsonSerializerOptions { TypeInfoResolver = VirtContainersJsonContext.Default };

        Assert.NotNull(options.GetTypeInfo(typeof(PodConfig)));
        Assert.NotNull(options.GetTypeInfo(typeof(Device)));
        Assert.NotNull(options.GetTypeInfo(typeof(RouteEncap)));
        Assert.NotNull(options.GetTypeInfo(typeof(LinkStatistics)));
        Assert.NotNull(options.GetTypeInfo(typeof(Dictionary<uint, string>)));
        Assert.Null(VirtContainersJsonContext.Default.GetTypeInfo(typeof(Uri)));
    }

    private static byte[] RoundTrip(string fileName, byte[] original) => fileName switch
    {
        _ when fileName.StartsWith("podconfig", StringComparison.Ordinal) => Reserialize(VirtContainersStore.Codecs.PodConfig, original),
        _ when fileName.StartsWith("container-config", StringComparison.Ordinal) => Reserialize(VirtContainersStore.Codecs.ContainerConfig, original),
        _ when fileName.Contains("state", StringComparison.Ordinal) => Reserialize(VirtContainersStore.Codecs.LifecycleState, original),
        _ when fileName.StartsWith("process", StringComparison.Ordinal) => Reserialize(VirtContainersStore.Codecs.ContainerProcess, original),
        _ when fileName.StartsWith("mounts", StringComparison.Ordinal) => Reserialize(VirtContainersStore.Codecs.ListOfMount, original),
        _ when fileName.StartsWith("devices", StringComparison.Ordinal) => Reserialize(VirtContainersStore.Codecs.ListOfDevice, original),
        _ when fileName.StartsWith("network", StringComparison.Ordinal) => Reserialize(VirtContainersStore.Codecs.NetworkNamespace, original),
        _ when fileName.StartsWith("hypervisor", StringComparison.Ordinal) => Reserialize(VirtContainersStore.Codecs.QemuState, original),
        _ when fileName.StartsWith("agent", StringComparison.Ordinal) => Reserialize(VirtContainersStore.Codecs.AgentState, original),
        _ => throw new ArgumentException(fileName),
    };

    private static byte[] Reserialize<T>(JsonCodec<T> codec, byte[] json) => codec.Serialize(codec.Deserialize(json));

    internal static bool JsonValuesEqual(byte[] left, byte[] right)
    {
        using JsonDocument a = JsonDocument.Parse(left);
        using JsonDocument b = JsonDocument.Parse(right);
        return JsonElement.DeepEquals(a.RootElement, b.RootElement);
    }
}
