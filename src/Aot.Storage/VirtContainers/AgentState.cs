using System.Text.Json.Serialization;

namespace Aot.Storage.VirtContainers;

/// <summary>
/// <c>&lt;run root&gt;/&lt;pod&gt;/agent.json</c>. Go stores an <c>interface{}</c> here: <c>KataAgentState</c>
/// or <c>HyperAgentState</c>, which have the same two fields, so one class reads both; the file does not
/// say which agent wrote it (<see cref="PodConfig.AgentType"/> does). The noop agent writes no file.
/// </summary>
public sealed class AgentState
{
    public long ProxyPid { get; set; }

    /// <summary>The proxy's URL, e.g. <c>unix:///run/virtcontainers/pods/&lt;pod&gt;/proxy.sock</c>.</summary>
    [JsonPropertyName("URL")]
    public string Url { get; set; } = "";
}
