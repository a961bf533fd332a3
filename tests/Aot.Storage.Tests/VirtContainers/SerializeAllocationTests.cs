using System.Buffers;
using Aot.Storage.Json;
using Aot.Storage.Tests.TestVectors;
using Aot.Storage.VirtContainers;

namespace Aot.Storage.Tests.VirtContainers;

/// <summary>Serializing into the caller's buffer allocates nothing, for every payload the benchmarks measure.</summary>
public sealed class SerializeAllocationTests
{
    [Fact]
    public void PodConfig_serializes_without_allocating() => AssertNoAllocation(VirtContainersStore.Codecs.PodConfig, "podconfig.json");

    [Fact]
    public void ContainerConfig_serializes_without_allocating() => AssertNoAllocation(VirtContainersStore.Codecs.ContainerConfig, "container-config.json");

    [Fact]
    public void Devices_serialize_without_allocating() => AssertNoAllocation(VirtContainersStore.Codecs.ListOfDevice, "devices.json");

    [Fact]
    public void NetworkNamespace_serializes_without_allocating() => AssertNoAllocation(VirtContainersStore.Codecs.NetworkNamespace, "network.json");

    private static void AssertNoAllocation<T>(JsonCodec<T> codec, string goldenFile)
    {
        byte[] golden = Golden.Read(goldenFile);
        T value = codec.Deserialize(golden);
        var buffer = new ArrayBufferWriter<byte>(golden.Length * 2);
        codec.Serialize(value, buffer);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 200; i++)
        {
            buffer.ResetWrittenCount();
            codec.Serialize(value, buffer);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.Equal(golden, buffer.WrittenSpan.ToArray());
    }
}
