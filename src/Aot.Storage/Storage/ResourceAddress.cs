namespace Aot.Storage;

/// <summary>One resource file: a kind, a pod and, for container-level files, a container.</summary>
public readonly record struct ResourceAddress(ResourceKind Kind, string PodId, string? ContainerId)
{
    public static ResourceAddress ForPod(ResourceKind kind, string podId) => new(kind, podId, null);

    public static ResourceAddress ForContainer(ResourceKind kind, string podId, string containerId) => new(kind, podId, containerId);

    public bool IsContainerLevel => ContainerId is not null;

    public override string ToString() => ContainerId is null ? $"{Kind.Name} of pod {PodId}" : $"{Kind.Name} of container {ContainerId} in pod {PodId}";
}
