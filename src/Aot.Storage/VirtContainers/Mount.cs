namespace Aot.Storage.VirtContainers;

/// <summary>
/// A container mount: an element of <see cref="ContainerConfig.Mounts"/> and of the
/// <c>&lt;run root&gt;/&lt;pod&gt;/&lt;container&gt;/mounts.json</c> array. That file is written after the
/// bind mounts into the shared directory are made, so it is the only record of <see cref="HostPath"/>.
/// </summary>
public sealed class Mount
{
    public string Source { get; set; } = "";

    public string Destination { get; set; } = "";

    public string Type { get; set; } = "";

    public List<string>? Options { get; set; }

    /// <summary>Host-side path of the bind mount in the directory shared with the VM; empty until mounted.</summary>
    public string HostPath { get; set; } = "";

    public bool ReadOnly { get; set; }
}
