namespace Aot.Storage;

/// <summary>One row of a generated routing table: what a resource kind is called and where it lives.</summary>
public sealed class ResourceKind
{
    private static int s_created;

    public ResourceKind(string name, string fileName, StorageRoot root, ResourceScope scope, bool hasPodPayload, bool hasContainerPayload, bool isLock)
    {
        Name = name;
        FileName = fileName;
        Root = root;
        Scope = scope;
        HasPodPayload = hasPodPayload;
        HasContainerPayload = hasContainerPayload;
        IsLock = isLock;
        FileNameZ = Native.LibC.NameZ(fileName);
        int ordinal = Interlocked.Increment(ref s_created) - 1;
        Bit = ordinal < 64 ? 1UL << ordinal : 0;
    }

    /// <summary>This kind's bit in a per-directory set of names an engine knows to exist (see the file-system
    /// engine's kept directories); 0 for kinds beyond the first 64 made in the process, which are never known.</summary>
    internal ulong Bit { get; }

    /// <summary><see cref="FileName"/> as the NUL-terminated UTF-8 that system calls take, encoded once.</summary>
    internal byte[] FileNameZ { get; }

    /// <summary>Kind name as declared (<c>config</c>, <c>devices</c>).</summary>
    public string Name { get; }

    /// <summary>File name inside the pod or container directory (<c>config.json</c>, <c>lock</c>).</summary>
    public string FileName { get; }

    public StorageRoot Root { get; }

    public ResourceScope Scope { get; }

    public bool HasPodPayload { get; }

    public bool HasContainerPayload { get; }

    /// <summary>The pod lock file: no payload, flocked by <see cref="IResourceEngine.Lock"/>.</summary>
    public bool IsLock { get; }

    /// <summary>Whether an address of this kind must name a container (Go's <c>resourceNeedsContainerID</c>).</summary>
    public bool RequiresContainerId => Scope == ResourceScope.Container;

    public bool AllowsPod => (Scope & ResourceScope.Pod) != 0;

    public bool AllowsContainer => (Scope & ResourceScope.Container) != 0;

    public override string ToString() => Name;
}
