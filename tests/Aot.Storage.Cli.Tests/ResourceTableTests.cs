using Aot.Storage.Cli.Resources;
using Aot.Storage.VirtContainers;

namespace Aot.Storage.Cli.Tests;

public sealed class ResourceTableTests
{
    [Fact]
    public void Names_AreTheDataKindsOfTheRoutingTable()
    {
        string[] kinds = VirtContainersStore.RoutingTable.Kinds.Where(k => !k.IsLock).Select(k => k.Name).ToArray();

        Assert.Equal(kinds, ResourceTable.Names);
        Assert.Equal(["config", "state", "network", "hypervisor", "agent", "process", "mounts", "devices"], ResourceTable.Names);
    }

    [Fact]
    public void EveryKind_HasABindingAtExactlyTheLevelsItAllows()
    {
        foreach (ResourceKind kind in VirtContainersStore.RoutingTable.Kinds.Where(k => !k.IsLock))
        {
            ResourceBinding? pod = ResourceTable.Find(kind.Name, containerLevel: false);
            ResourceBinding? container = ResourceTable.Find(kind.Name, containerLevel: true);
            Assert.Equal(kind.AllowsPod, pod is not null);
            Assert.Equal(kind.AllowsContainer, container is not null);
            Assert.True(pod is null || (ReferenceEquals(pod.Kind, kind) && !pod.IsContainerLevel), kind.Name);
            Assert.True(container is null || (ReferenceEquals(container.Kind, kind) && container.IsContainerLevel), kind.Name);
        }

        Assert.Null(ResourceTable.Find("lock", containerLevel: false));
        Assert.Equal(10, ResourceTable.PodLevel.Count + ResourceTable.ContainerLevel.Count);
    }
}
