namespace Aot.Storage.Generators.Tests.Scenarios;

/// <summary>Resource-set declarations the tests compile, as a user of Aot.Storage would write them.</summary>
internal static class Declarations
{
    /// <summary>
    /// A pod+container kind with object payloads covering every member category, a container kind holding
    /// a list of an envelope union (two cases and an unknown case), and the lock kind.
    /// </summary>
    public const string PodContainerLock = """
        using System.Collections.Generic;
        using System.Net;
        using System.Text.Json.Serialization;
        using Aot.Storage;
        using Aot.Storage.Json;

        namespace Sample.Basic;

        [ResourceSet]
        [ResourceKind("config", "config.json", StorageRoot.Config, PodPayload = typeof(PodSpec), ContainerPayload = typeof(ContainerSpec))]
        [ResourceKind("devices", "devices.json", StorageRoot.Run, ContainerPayload = typeof(List<Gadget>))]
        [ResourceKind("lock", "lock", StorageRoot.Run, Scope = ResourceScope.Pod, IsLock = true)]
        public sealed partial class SampleStore
        {
        }

        public enum Phase
        {
            Ready,
            Running,
            Stopped,
        }

        public sealed class PodSpec
        {
            [JsonPropertyName("ID")]
            public string Id { get; set; } = "";

            public long MemoryBytes { get; set; }

            public ulong Generation { get; set; }

            public bool Privileged { get; set; }

            public List<string>? Args { get; set; }

            public Dictionary<string, string>? Annotations { get; set; }

            public Resources Resources { get; set; } = new();

            public Resources? Limits { get; set; }

            public Phase Phase { get; set; }

            public byte[]? Secret { get; set; }

            public IPAddress? Address { get; set; }

            public Timestamp Created { get; set; }

            [JsonIgnore]
            public string Scratch { get; set; } = "";
        }

        public sealed class Resources
        {
            public int Cpus { get; set; }

            public uint Weight { get; set; }
        }

        public sealed class ContainerSpec
        {
            public string Image { get; set; } = "";

            public List<string>? Command { get; set; }

            public Phase? LastPhase { get; set; }
        }

        [JsonUnion]
        public abstract class Gadget
        {
        }

        [UnionCase("disk", "block")]
        public sealed class DiskGadget : Gadget
        {
            public string Path { get; set; } = "";

            public long SizeBytes { get; set; }
        }

        [UnionCase("net")]
        public sealed class NetGadget : Gadget
        {
            public string MacAddress { get; set; } = "";
        }

        [UnknownUnionCase]
        public sealed class UnknownGadget : Gadget
        {
            public UnknownGadget(string tag, RawJson? data)
            {
                Tag = tag;
                Data = data;
            }

            public string Tag { get; }

            public RawJson? Data { get; }
        }
        """;

    /// <summary>
    /// An internal set with a custom context name: an external-tag union selected by a sibling property
    /// ([UnionTagFrom]), a shape union, and a nullable [JsonEmbedded] member whose Name is hidden by the owner's.
    /// </summary>
    public const string Unions = """
        using System.Collections.Generic;
        using Aot.Storage;
        using Aot.Storage.Json;

        namespace Sample.Unions;

        [ResourceSet(JsonContextName = "AgentJsonContext")]
        [ResourceKind("agent", "agent.json", StorageRoot.Run, PodPayload = typeof(AgentSpec))]
        internal sealed partial class AgentStore
        {
        }

        public sealed class AgentSpec
        {
            public string Name { get; set; } = "";

            public string AgentType { get; set; } = "";

            [UnionTagFrom(nameof(AgentType))]
            public AgentConfig? AgentConfig { get; set; }

            public Encap? Encap { get; set; }

            [JsonEmbedded]
            public Common? Common { get; set; }
        }

        [JsonUnion(Style = UnionStyle.ExternalTag)]
        public abstract class AgentConfig
        {
        }

        [UnionCase("kata")]
        public sealed class KataConfig : AgentConfig
        {
            public bool LongLiveConn { get; set; }
        }

        [UnionCase("hyperstart", "hyper")]
        public sealed class HyperstartConfig : AgentConfig
        {
            public string SockCtlName { get; set; } = "";
        }

        [UnknownUnionCase]
        public sealed class UnknownAgentConfig : AgentConfig
        {
            public UnknownAgentConfig(RawJson? data)
            {
                Data = data;
            }

            public RawJson? Data { get; }
        }

        [JsonUnion(Style = UnionStyle.Shape)]
        public abstract class Encap
        {
        }

        [UnionCase(IdentifyingProperties = new[] { "Sport", "Dport" })]
        public sealed class FouEncap : Encap
        {
            public ushort Sport { get; set; }

            public ushort Dport { get; set; }
        }

        [UnionCase(IdentifyingProperties = new[] { "Segments" })]
        public sealed class Srv6Encap : Encap
        {
            public List<string>? Segments { get; set; }

            public int Mode { get; set; }
        }

        public sealed class Common
        {
            public string Name { get; set; } = "";

            public Dictionary<int, string>? Labels { get; set; }

            public uint Version { get; set; }
        }
        """;

    /// <summary>
    /// A user-side set over the virtcontainers model of Aot.Storage.dll (referenced as metadata): the same
    /// kinds, scopes and payloads as <c>VirtContainersStore</c>.
    /// </summary>
    public const string VirtContainers = """
        using System.Collections.Generic;
        using Aot.Storage;
        using Aot.Storage.VirtContainers;

        namespace User.Virt;

        [ResourceSet]
        [ResourceKind("config", "config.json", StorageRoot.Config, PodPayload = typeof(PodConfig), ContainerPayload = typeof(ContainerConfig))]
        [ResourceKind("state", "state.json", StorageRoot.Run, PodPayload = typeof(LifecycleState), ContainerPayload = typeof(LifecycleState))]
        [ResourceKind("network", "network.json", StorageRoot.Run, PodPayload = typeof(NetworkNamespace))]
        [ResourceKind("hypervisor", "hypervisor.json", StorageRoot.Run, PodPayload = typeof(QemuState))]
        [ResourceKind("agent", "agent.json", StorageRoot.Run, PodPayload = typeof(AgentState))]
        [ResourceKind("process", "process.json", StorageRoot.Run, ContainerPayload = typeof(ContainerProcess))]
        [ResourceKind("lock", "lock", StorageRoot.Run, Scope = ResourceScope.Pod, IsLock = true)]
        [ResourceKind("mounts", "mounts.json", StorageRoot.Run, ContainerPayload = typeof(List<Mount>))]
        [ResourceKind("devices", "devices.json", StorageRoot.Run, ContainerPayload = typeof(List<Device>))]
        public sealed partial class UserVirtStore
        {
        }
        """;
}
