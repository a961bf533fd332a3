using System.Text.Json.Serialization;

namespace Aot.Storage.VirtContainers;

/// <summary>
/// Pod or container <c>state.json</c> (Go <c>State</c>, renamed because a property may not share its
/// class's name). The only stored struct with JSON tags, hence the lower-case keys. A pod uses
/// <see cref="State"/> and <see cref="BlockIndex"/>; a container uses all four.
/// </summary>
public sealed class LifecycleState
{
    /// <summary>One of <see cref="LifecycleStates"/>; an empty value makes Go treat the pod as new.</summary>
    [JsonPropertyName("state")]
    public string State { get; set; } = "";

    /// <summary>Pod: next free drive index. Container: index of its rootfs drive.</summary>
    [JsonPropertyName("blockIndex")]
    public long BlockIndex { get; set; }

    [JsonPropertyName("fstype")]
    public string Fstype { get; set; } = "";

    [JsonPropertyName("hotpluggedDrive")]
    public bool HotpluggedDrive { get; set; }
}
