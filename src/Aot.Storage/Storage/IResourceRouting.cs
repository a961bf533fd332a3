namespace Aot.Storage;

/// <summary>
/// The routing table the generator emits for a resource set: every kind, lookups by name and by file
/// name, and the names no container ID may take because a pod-level file has them.
/// </summary>
public interface IResourceRouting
{
    IReadOnlyList<ResourceKind> Kinds { get; }

    /// <summary>The kind marked <see cref="ResourceKindAttribute.IsLock"/>, if any.</summary>
    ResourceKind? LockKind { get; }

    ResourceKind? FindByName(ReadOnlySpan<char> name);

    ResourceKind? FindByFileName(ReadOnlySpan<char> fileName);

    /// <summary>True for a resource file name of the set: a container directory must never be called that.</summary>
    bool IsReservedName(ReadOnlySpan<char> name);
}
