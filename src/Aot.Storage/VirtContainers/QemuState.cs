using System.Text.Json.Serialization;

namespace Aot.Storage.VirtContainers;

/// <summary>
/// <c>&lt;run root&gt;/&lt;pod&gt;/hypervisor.json</c>. Go stores an <c>interface{}</c>, but only the qemu
/// driver writes the file and reads it back into this struct; the mock hypervisor stores nothing.
/// </summary>
public sealed class QemuState
{
    public List<Bridge>? Bridges { get; set; }

    [JsonPropertyName("HotpluggedVCPUs")]
    public List<CpuDevice>? HotpluggedVcpus { get; set; }

    [JsonPropertyName("UUID")]
    public string Uuid { get; set; } = "";
}

/// <summary>A PCI bridge of the VM and what is plugged into it.</summary>
public sealed class Bridge
{
    /// <summary>
    /// Slot number to id of the device in it. Go's <c>map[uint32]string</c>: the keys are written as
    /// decimal strings and sorted as strings (<c>"1","10","2"</c>). Fresh bridges have an empty map.
    /// </summary>
    public Dictionary<uint, string>? Address { get; set; }

    /// <summary>One of <see cref="BridgeTypes"/>.</summary>
    public string Type { get; set; } = "";

    [JsonPropertyName("ID")]
    public string Id { get; set; } = "";
}

/// <summary>A hot-plugged vCPU (Go <c>CPUDevice</c>).</summary>
public sealed class CpuDevice
{
    [JsonPropertyName("ID")]
    public string Id { get; set; } = "";
}
