namespace Aot.Storage.Tests.Storage;

/// <summary>
/// virtcontainers' nine resource kinds as a routing table, written by hand until the generator emits one.
/// </summary>
internal sealed class VirtContainersTestRouting : IResourceRouting
{
    public static readonly VirtContainersTestRouting Instance = new();

    private VirtContainersTestRouting()
    {
        Config = new ResourceKind("config", "config.json", StorageRoot.Config, ResourceScope.PodAndContainer, true, true, false);
        State = new ResourceKind("state", "state.json", StorageRoot.Run, ResourceScope.PodAndContainer, true, true, false);
        Network = new ResourceKind("network", "network.json", StorageRoot.Run, ResourceScope.Pod, true, false, false);
        Hypervisor = new ResourceKind("hypervisor", "hypervisor.json", StorageRoot.Run, ResourceScope.Pod, true, false, false);
        Agent = new ResourceKind("agent", "agent.json", StorageRoot.Run, ResourceScope.Pod, true, false, false);
        Process = new ResourceKind("process", "process.json", StorageRoot.Run, ResourceScope.Container, false, true, false);
        Mounts = new ResourceKind("mounts", "mounts.json", StorageRoot.Run, ResourceScope.Container, false, true, false);
        Devices = new ResourceKind("devices", "devices.json", StorageRoot.Run, ResourceScope.Container, false, true, false);
        LockFile = new ResourceKind("lock", "lock", StorageRoot.Run, ResourceScope.Pod, false, false, true);
        Kinds = [Config, State, Network, Hypervisor, Agent, Process, LockFile, Mounts, Devices];
    }

    public ResourceKind Config { get; }

    public ResourceKind State { get; }

    public ResourceKind Network { get; }

    public ResourceKind Hypervisor { get; }

    public ResourceKind Agent { get; }

    public ResourceKind Process { get; }

    public ResourceKind Mounts { get; }

    public ResourceKind Devices { get; }

    public ResourceKind LockFile { get; }

    public IReadOnlyList<ResourceKind> Kinds { get; }

    public ResourceKind? LockKind => LockFile;

    public ResourceKind? FindByName(ReadOnlySpan<char> name)
    {
        foreach (ResourceKind kind in Kinds)
        {
            if (name.SequenceEqual(kind.Name))
            {
                return kind;
            }
        }

        return null;
    }

    public ResourceKind? FindByFileName(ReadOnlySpan<char> fileName)
    {
        foreach (ResourceKind kind in Kinds)
        {
            if (fileName.SequenceEqual(kind.FileName))
            {
                return kind;
            }
        }

        return null;
    }

    public bool IsReservedName(ReadOnlySpan<char> name) => FindByFileName(name) is not null;
}
