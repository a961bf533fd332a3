using System.Diagnostics;
using Aot.Storage.Tests.Samples;
using Aot.Storage.VirtContainers;

namespace Aot.Storage.Startup.Apps.AotStorage;

/// <summary>
/// Creates a pod with two containers under <c>args[0]</c> (config and run roots, default durability: the
/// config tree flushed) and stores then fetches every resource kind through the typed API. Exit code 0 when
/// every fetched value matches.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        long main = Stopwatch.GetTimestamp();
        if (args.Length < 1)
        {
            return 2;
        }

        const string Pod = GoldenSamples.PodId;
        PodConfig podConfig = GoldenSamples.PodConfig();
        List<ContainerConfig> containers = podConfig.Containers!;
        VirtContainersStore store = JobStore.Open(args[0]);
        store.CreatePod(Pod);
        foreach (ContainerConfig container in containers)
        {
            store.CreateContainer(Pod, container.Id);
        }

        long ready = Stopwatch.GetTimestamp();
        store.StorePodConfig(Pod, podConfig);
        long firstStore = Stopwatch.GetTimestamp();
        store.StorePodState(Pod, GoldenSamples.PodState());
        store.StorePodNetwork(Pod, GoldenSamples.Network());
        store.StorePodHypervisor(Pod, GoldenSamples.QemuState());
        store.StorePodAgent(Pod, GoldenSamples.AgentState());
        foreach (ContainerConfig container in containers)
        {
            store.StoreContainerConfig(Pod, container.Id, container);
            store.StoreContainerState(Pod, container.Id, GoldenSamples.ContainerState());
            store.StoreContainerProcess(Pod, container.Id, GoldenSamples.Process());
            store.StoreContainerMounts(Pod, container.Id, GoldenSamples.Mounts());
            store.StoreContainerDevices(Pod, container.Id, GoldenSamples.Devices());
        }

        long allStored = Stopwatch.GetTimestamp();
        PodConfig fetched = store.FetchPodConfig(Pod);
        long firstFetch = Stopwatch.GetTimestamp();
        bool ok = fetched.Id == Pod && fetched.Containers?.Count == 2 && fetched.ShimConfig is KataShimConfig;
        ok &= store.FetchPodState(Pod).State == LifecycleStates.Running;
        ok &= store.FetchPodNetwork(Pod).Endpoints?.Count == 1;
        ok &= store.FetchPodHypervisor(Pod).Bridges?.Count == 1;
        ok &= store.FetchPodAgent(Pod).ProxyPid == 4242;
        foreach (ContainerConfig container in containers)
        {
            ok &= store.FetchContainerConfig(Pod, container.Id).Id == container.Id;
            ok &= store.FetchContainerState(Pod, container.Id).Fstype == "xfs";
            ok &= store.FetchContainerProcess(Pod, container.Id).StartTime.Nanosecond == 123456789;
            ok &= store.FetchContainerMounts(Pod, container.Id)?.Count == 2;
            ok &= store.FetchContainerDevices(Pod, container.Id)?.Count == 3;
        }

        long allFetched = Stopwatch.GetTimestamp();
        Report.Write(main, ready, firstStore, allStored, firstFetch, allFetched);
        return ok ? 0 : 1;
    }
}
