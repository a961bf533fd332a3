using Aot.Storage.Json;

namespace Aot.Storage.VirtContainers;

/// <summary>
/// The container's main process, <c>&lt;run root&gt;/&lt;pod&gt;/&lt;container&gt;/process.json</c> (Go
/// <c>Process</c>, renamed to avoid <see cref="System.Diagnostics.Process"/>).
/// </summary>
public sealed class ContainerProcess
{
    /// <summary>The agent's execution id for the process.</summary>
    public string Token { get; set; } = "";

    /// <summary>PID of the shim standing in for the process on the host.</summary>
    public long Pid { get; set; }

    /// <summary>Written by Go as <c>time.Now().UTC()</c>, so with nanoseconds and <c>Z</c>.</summary>
    public Timestamp StartTime { get; set; }
}
