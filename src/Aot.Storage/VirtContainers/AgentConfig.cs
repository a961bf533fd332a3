using System.Text.Json.Serialization;
using Aot.Storage.Json;

namespace Aot.Storage.VirtContainers;

/// <summary>
/// <see cref="PodConfig.AgentConfig"/>: a Go <c>interface{}</c> holding the agent's config struct, written
/// bare and identified only by the sibling <see cref="PodConfig.AgentType"/>. Go reads it back as a map and
/// writes the map with its keys sorted, so after a reload the bytes can differ but the value does not.
/// </summary>
[JsonUnion(Style = UnionStyle.ExternalTag)]
public abstract class AgentConfig
{
}

/// <summary>Config of the kata agent (Go <c>KataAgentConfig</c>).</summary>
[UnionCase(AgentTypes.Kata)]
public sealed class KataAgentConfig : AgentConfig
{
    [JsonPropertyName("GRPCSocket")]
    public string GrpcSocket { get; set; } = "";
}

/// <summary>Config of the hyperstart agent (Go <c>HyperConfig</c>).</summary>
[UnionCase(AgentTypes.Hyperstart)]
public sealed class HyperConfig : AgentConfig
{
    public string SockCtlName { get; set; } = "";

    public string SockTtyName { get; set; } = "";
}

/// <summary>
/// An agent config whose <see cref="PodConfig.AgentType"/> the model does not know (or that a noop agent
/// left non-null), kept verbatim so that rewriting the pod config loses nothing.
/// </summary>
[UnknownUnionCase]
public sealed class UnknownAgentConfig : AgentConfig
{
    public UnknownAgentConfig(RawJson data)
    {
        Data = data;
    }

    public RawJson Data { get; }
}
