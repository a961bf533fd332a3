namespace Aot.Storage;

/// <summary>The two trees of the virtcontainers layout.</summary>
public enum StorageRoot
{
    /// <summary>Configuration, kept across reboots (Go default <c>/var/lib/virtcontainers/pods</c>).</summary>
    Config = 0,

    /// <summary>Run-time state, usually on tmpfs (Go default <c>/run/virtcontainers/pods</c>).</summary>
    Run = 1,
}
