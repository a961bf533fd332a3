using Aot.Storage.Tests.Samples;
using Aot.Storage.Tests.Support;
using Aot.Storage.Tests.TestVectors;
using Aot.Storage.VirtContainers;

namespace Aot.Storage.Tests.VirtContainers;

/// <summary>The generated routing table and typed API of the built-in virtcontainers set.</summary>
public sealed class TypedStoreTests
{
    private const string Pod = GoldenSamples.PodId;
    private const string Container = GoldenSamples.ContainerId;

    [Fact]
    public void Routing_table_has_the_nine_virtcontainers_kinds_in_the_Go_roots()
    {
        IResourceRouting routing = VirtContainersStore.RoutingTable;

        Assert.Equal(
            ["config", "state", "network", "hypervisor", "agent", "process", "lock", "mounts", "devices"],
            routing.Kinds.Select(k => k.Name));
        Assert.Equal(
            ["config.json", "state.json", "network.json", "hypervisor.json", "agent.json", "process.json", "lock", "mounts.json", "devices.json"],
            routing.Kinds.Select(k => k.FileName));
        Assert.Equal(StorageRoot.Config, VirtContainersStore.Kinds.Config.Root);
        Assert.All(routing.Kinds.Where(k => k.Name != "config"), k => Assert.Equal(StorageRoot.Run, k.Root));
        Assert.Same(VirtContainersStore.Kinds.Lock, routing.LockKind);
    }

    [Fact]
    public void Scopes_follow_the_declared_payloads()
    {
        Assert.Equal(ResourceScope.PodAndContainer, VirtContainersStore.Kinds.Config.Scope);
        Assert.Equal(ResourceScope.PodAndContainer, VirtContainersStore.Kinds.State.Scope);
        Assert.Equal(ResourceScope.Pod, VirtContainersStore.Kinds.Network.Scope);
        Assert.Equal(ResourceScope.Pod, VirtContainersStore.Kinds.Lock.Scope);
        Assert.Equal(ResourceScope.Container, VirtContainersStore.Kinds.Devices.Scope);
        Assert.True(VirtContainersStore.Kinds.Process.RequiresContainerId);
        Assert.False(VirtContainersStore.Kinds.Agent.RequiresContainerId);
        Assert.True(VirtContainersStore.Kinds.Lock.IsLock);
        Assert.False(VirtContainersStore.Kinds.Lock.HasPodPayload);
    }

    [Theory]
    [InlineData("devices.json", "devices")]
    [InlineData("lock", "lock")]
    [InlineData("config.json", "config")]
    public void Kinds_are_found_by_file_name_and_by_name(string fileName, string name)
    {
        Assert.Equal(name, VirtContainersStore.RoutingTable.FindByFileName(fileName)!.Name);
        Assert.Equal(fileName, VirtContainersStore.RoutingTable.FindByName(name)!.FileName);
    }

    [Theory]
    [InlineData("proxy.sock")]
    [InlineData("Config.json")]
    [InlineData("config")]
    [InlineData("")]
    public void Unknown_names_are_not_found(string name)
    {
        Assert.Null(VirtContainersStore.RoutingTable.FindByFileName(name));
        Assert.False(VirtContainersStore.RoutingTable.IsReservedName(name));
    }

    [Theory]
    [InlineData("lock")]
    [InlineData("state.json")]
    [InlineData("network.json")]
    [InlineData("devices.json")]
    public void Resource_file_names_are_reserved(string name) => Assert.True(VirtContainersStore.RoutingTable.IsReservedName(name));

    [Fact]
    public void Typed_methods_store_at_the_Go_paths_and_fetch_back_the_same_bytes()
    {
        var engine = new InMemoryResourceEngine(VirtContainersStore.RoutingTable);
        var store = new VirtContainersStore(engine);

        store.StorePodConfig(Pod, GoldenSamples.PodConfig());
        store.StoreContainerConfig(Pod, Container, GoldenSamples.ContainerConfig());
        store.StorePodState(Pod, GoldenSamples.PodState());
        store.StoreContainerDevices(Pod, Container, GoldenSamples.Devices());
        store.StorePodNetwork(Pod, GoldenSamples.Network());

        Assert.Equal(Golden.Read("podconfig.json"), engine.Files[$"/config/{Pod}/config.json"]);
        Assert.Equal(Golden.Read("container-config.json"), engine.Files[$"/config/{Pod}/{Container}/config.json"]);
        Assert.Equal(Golden.Read("state.json"), engine.Files[$"/run/{Pod}/state.json"]);
        Assert.Equal(Golden.Read("devices.json"), engine.Files[$"/run/{Pod}/{Container}/devices.json"]);
        Assert.Equal(Golden.Read("network.json"), engine.Files[$"/run/{Pod}/network.json"]);
        Assert.Equal(3, store.FetchContainerDevices(Pod, Container)!.Count);
        Assert.Equal("nginx-7c87f569d-xk2p9", store.FetchPodConfig(Pod).Hostname);
        Assert.Equal($"/run/{Pod}/lock", store.GetPodLockPath(Pod));
        Assert.True(store.PodStateExists(Pod));
        Assert.False(store.ContainerStateExists(Pod, Container));
        Assert.True(store.DeletePodState(Pod));
        Assert.False(store.TryFetchPodState(Pod, out _));
    }

    [Fact]
    public void Update_passes_the_stored_value_and_stores_the_result()
    {
        var store = new VirtContainersStore(new InMemoryResourceEngine(VirtContainersStore.RoutingTable));

        store.UpdatePodState(Pod, current => new LifecycleState { State = "ready", BlockIndex = (current?.BlockIndex ?? 0) + 1 });
        LifecycleState second = store.UpdatePodState(Pod, current => new LifecycleState { State = "running", BlockIndex = current!.BlockIndex + 1 });

        Assert.Equal(2, second.BlockIndex);
        Assert.Equal("running", store.FetchPodState(Pod).State);
    }
}
