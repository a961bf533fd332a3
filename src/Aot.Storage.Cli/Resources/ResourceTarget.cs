using Aot.Storage.Cli.Infrastructure;
using Aot.Storage.FileSystem;

namespace Aot.Storage.Cli.Resources;

/// <summary>A resource named on the command line: a pod, a container for container-level resources, and a binding.</summary>
internal sealed record ResourceTarget(string PodId, string? ContainerId, ResourceBinding Binding)
{
    public ResourceAddress Address => Binding.Address(PodId, ContainerId);

    /// <summary>The resource name (<c>config</c>, <c>devices</c>, ...).</summary>
    public string Name => Binding.Name;

    /// <summary>
    /// Looks the resource up at the level the arguments give. An unknown name, or a name at a level it is
    /// not stored at (<c>POD devices</c>, <c>POD CONTAINER network</c>), is a usage error.
    /// </summary>
    public static ResourceTarget Resolve(string podId, string? containerId, string resource)
    {
        bool containerLevel = containerId is not null;
        ResourceBinding? binding = ResourceTable.Find(resource, containerLevel);
        if (binding is not null)
        {
            return new ResourceTarget(podId, containerId, binding);
        }

        if (!ResourceTable.IsResourceName(resource))
        {
            throw new UsageException($"unknown resource '{Text.OneLine(resource)}': expected one of {string.Join(", ", ResourceTable.Names)}");
        }

        return containerLevel
            ? throw new UsageException($"resource '{resource}' is stored per pod, not per container: name it without a container ID (POD {resource})")
            : throw new UsageException($"resource '{resource}' is stored per container: name a container (POD CONTAINER {resource})");
    }

    /// <summary>Checks the IDs before anything is read or written (throws <see cref="InvalidResourceIdException"/>).</summary>
    public string ValidateAndGetPath(FileSystemResourceEngine engine) => engine.GetPath(Address);
}
