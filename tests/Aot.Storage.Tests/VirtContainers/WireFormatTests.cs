using System.Text;
using Aot.Storage.Json;
using Aot.Storage.VirtContainers;

namespace Aot.Storage.Tests.VirtContainers;

/// <summary>Go's encoding rules and reader tolerance, exercised through the generated model codecs.</summary>
public sealed class WireFormatTests
{
    private static string Write<T>(JsonCodec<T> codec, T value) => Encoding.UTF8.GetString(codec.Serialize(value));

    private static T Read<T>(JsonCodec<T> codec, string json) => codec.Deserialize(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Strings_are_escaped_as_Go_escapes_them()
    {
        var pod = new PodConfig { Hostname = "<a&b>\"\\\n\r\t\b\f\u0001\u001f\u007f/é\u2028\u2029😀" };

        string json = Write(VirtContainersStore.Codecs.PodConfig, pod);

        Assert.Contains("\"Hostname\":\"\\u003ca\\u0026b\\u003e\\\"\\\\\\n\\r\\t\\u0008\\u000c\\u0001\\u001f\u007f/é\\u2028\\u2029😀\",", json, StringComparison.Ordinal);
        Assert.Equal(pod.Hostname, Read(VirtContainersStore.Codecs.PodConfig, json).Hostname);
    }

    [Fact]
    public void Map_keys_are_sorted_by_their_UTF8_bytes()
    {
        var config = new ContainerConfig { Annotations = new() { ["é"] = "5", ["b"] = "4", ["a"] = "3", ["_"] = "2", ["B"] = "1" } };

        Assert.Contains("\"Annotations\":{\"B\":\"1\",\"_\":\"2\",\"a\":\"3\",\"b\":\"4\",\"é\":\"5\"},", Write(VirtContainersStore.Codecs.ContainerConfig, config), StringComparison.Ordinal);
    }

    [Fact]
    public void Integer_keyed_maps_are_written_as_strings_sorted_as_strings()
    {
        var bridge = new Bridge { Address = new() { [2] = "b", [100] = "c", [1] = "a", [10] = "d", [9] = "e" } };

        string json = Write(VirtContainersStore.Codecs.Bridge, bridge);

        Assert.StartsWith("""{"Address":{"1":"a","10":"d","100":"c","2":"b","9":"e"},""", json, StringComparison.Ordinal);
        Assert.Equal("d", Read(VirtContainersStore.Codecs.Bridge, json).Address![10]);
    }

    [Fact]
    public void Number_ranges_reach_uint64_max_and_int64_min()
    {
        var stats = new LinkStatistics { RxPackets = ulong.MaxValue };
        var resources = new ContainerResources { CpuQuota = long.MinValue, CpuShares = ulong.MaxValue };

        string statsJson = Write(VirtContainersStore.Codecs.LinkStatistics, stats);
        string resourcesJson = Write(VirtContainersStore.Codecs.ContainerResources, resources);

        Assert.StartsWith("""{"RxPackets":18446744073709551615,""", statsJson, StringComparison.Ordinal);
        Assert.Equal("""{"CPUQuota":-9223372036854775808,"CPUPeriod":0,"CPUShares":18446744073709551615}""", resourcesJson);
        Assert.Equal(ulong.MaxValue, Read(VirtContainersStore.Codecs.LinkStatistics, statsJson).RxPackets);
        Assert.Equal(long.MinValue, Read(VirtContainersStore.Codecs.ContainerResources, resourcesJson).CpuQuota);
    }

    [Fact]
    public void Keys_match_exactly_first_then_under_case_folding()
    {
        NetworkNamespace ns = Read(VirtContainersStore.Codecs.NetworkNamespace, """{"netnspath":"/var/run/netns/x","NETNSCREATED":true}""");
        Param param = Read(VirtContainersStore.Codecs.Param, "{\"\u212Aey\":\"kelvin\",\"value\":\"v\"}");

        Assert.Equal("/var/run/netns/x", ns.NetNsPath);
        Assert.True(ns.NetNsCreated);
        Assert.Equal("kelvin", param.Key);
        Assert.Equal("v", param.Value);
    }

    [Fact]
    public void Unknown_keys_are_ignored_and_the_last_duplicate_wins()
    {
        ContainerProcess process = Read(VirtContainersStore.Codecs.ContainerProcess, """{"Token":"a","Future":{"x":[1,2]},"Token":"b","Pid":1,"Pid":2}""");

        Assert.Equal("b", process.Token);
        Assert.Equal(2, process.Pid);
    }

    [Fact]
    public void Null_leaves_value_members_and_nested_structs_as_they_are()
    {
        PodConfig pod = Read(VirtContainersStore.Codecs.PodConfig, """{"ID":null,"Hooks":null,"VMConfig":{"Memory":null},"Volumes":null,"Annotations":null}""");

        Assert.Equal(string.Empty, pod.Id);
        Assert.NotNull(pod.Hooks);
        Assert.Equal(0UL, pod.VmConfig.Memory);
        Assert.Null(pod.Volumes);
        Assert.Null(pod.Annotations);
    }

    [Fact]
    public void Time_keeps_nanoseconds_and_offsets()
    {
        ContainerProcess process = Read(VirtContainersStore.Codecs.ContainerProcess, """{"StartTime":"2018-01-02T03:04:05.120000000+05:30"}""");

        Assert.Equal(120_000_000, process.StartTime.Nanosecond);
        Assert.Equal("""{"Token":"","Pid":0,"StartTime":"2018-01-02T03:04:05.12+05:30"}""", Write(VirtContainersStore.Codecs.ContainerProcess, process));
    }

    [Theory]
    [InlineData("""{"Pid":1.0}""", 7, "Pid")]
    [InlineData("""{"Pid":1e3}""", 7, "Pid")]
    [InlineData("""{"Pid":"1"}""", 7, "Pid")]
    [InlineData("""{"Token":true}""", 9, "Token")]
    [InlineData("""{"StartTime":"2018-01-02T03:04:05"}""", 13, "StartTime")]
    public void Values_of_the_wrong_type_are_rejected_with_member_and_offset(string json, long offset, string member)
    {
        MalformedJsonException error = Assert.Throws<MalformedJsonException>(() => Read(VirtContainersStore.Codecs.ContainerProcess, json));

        Assert.Equal(offset, error.ByteOffset);
        Assert.Contains("ContainerProcess." + member, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Out_of_range_numbers_are_rejected()
    {
        MalformedJsonException error = Assert.Throws<MalformedJsonException>(() => Read(VirtContainersStore.Codecs.NetlinkIface, """{"OperState":300}"""));

        Assert.Equal(13, error.ByteOffset);
        Assert.Contains("NetlinkIface.OperState", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("   ", 3)]
    [InlineData("{}{}", 2)]
    [InlineData("{} x", 3)]
    [InlineData("{", 1)]
    public void Documents_that_are_not_one_JSON_value_are_rejected_with_the_offset(string json, long offset)
    {
        MalformedJsonException error = Assert.Throws<MalformedJsonException>(() => Read(VirtContainersStore.Codecs.LifecycleState, json));

        Assert.Equal(offset, error.ByteOffset);
    }

    [Fact]
    public void A_byte_order_mark_is_rejected()
    {
        byte[] withBom = [0xEF, 0xBB, 0xBF, .. "{}"u8];

        MalformedJsonException error = Assert.Throws<MalformedJsonException>(() => VirtContainersStore.Codecs.LifecycleState.Deserialize(withBom));

        Assert.Equal(0, error.ByteOffset);
    }

    [Fact]
    public void Whitespace_around_the_value_is_accepted()
    {
        LifecycleState state = Read(VirtContainersStore.Codecs.LifecycleState, " \n\t{ \"state\" : \"ready\" }\r\n ");

        Assert.Equal("ready", state.State);
    }

    [Fact]
    public void Wrong_container_shape_is_rejected()
    {
        // Go: json: cannot unmarshal object into Go value of type []virtcontainers.Mount
        MalformedJsonException error = Assert.Throws<MalformedJsonException>(() => Read(VirtContainersStore.Codecs.ListOfMount, """{"Source":"proc"}"""));

        Assert.Equal(0, error.ByteOffset);
    }
}
