using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Aot.Storage.Benchmarks.Stj;
using Aot.Storage.Tests.Samples;
using Aot.Storage.VirtContainers;

namespace Aot.Storage.Startup.Apps.SystemTextJson;

/// <summary>
/// The job of the AotStorage app written the usual way: System.Text.Json's source generator (with the
/// converters the model needs) and System.IO. Same tree, same files, each stored atomically (temporary file
/// and rename; the config files flushed with <c>Flush(true)</c>, as .NET cannot flush a directory).
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
        string config = args[0] + "/config/" + Pod;
        string run = args[0] + "/run/" + Pod;
        foreach (ContainerConfig container in containers)
        {
            Directory.CreateDirectory(config + "/" + container.Id);
            Directory.CreateDirectory(run + "/" + container.Id);
        }

        File.Create(run + "/lock").Dispose();
        StjContext context = StjContext.Default;

        long ready = Stopwatch.GetTimestamp();
        Store(config + "/config.json", podConfig, context.PodConfig, durable: true);
        long firstStore = Stopwatch.GetTimestamp();
        Store(run + "/state.json", GoldenSamples.PodState(), context.LifecycleState);
        Store(run + "/network.json", GoldenSamples.Network(), context.NetworkNamespace);
        Store(run + "/hypervisor.json", GoldenSamples.QemuState(), context.QemuState);
        Store(run + "/agent.json", GoldenSamples.AgentState(), context.AgentState);
        foreach (ContainerConfig container in containers)
        {
            string cid = "/" + container.Id;
            Store(config + cid + "/config.json", container, context.ContainerConfig, durable: true);
            Store(run + cid + "/state.json", GoldenSamples.ContainerState(), context.LifecycleState);
            Store(run + cid + "/process.json", GoldenSamples.Process(), context.ContainerProcess);
            Store(run + cid + "/mounts.json", GoldenSamples.Mounts(), context.ListMount);
            Store(run + cid + "/devices.json", GoldenSamples.Devices(), context.ListDevice);
        }

        long allStored = Stopwatch.GetTimestamp();
        PodConfig fetched = StjFixups.AfterRead(Fetch(config + "/config.json", context.PodConfig));
        long firstFetch = Stopwatch.GetTimestamp();
        bool ok = fetched.Id == Pod && fetched.Containers?.Count == 2 && fetched.ShimConfig is KataShimConfig;
        ok &= Fetch(run + "/state.json", context.LifecycleState).State == LifecycleStates.Running;
        ok &= Fetch(run + "/network.json", context.NetworkNamespace).Endpoints?.Count == 1;
        ok &= Fetch(run + "/hypervisor.json", context.QemuState).Bridges?.Count == 1;
        ok &= Fetch(run + "/agent.json", context.AgentState).ProxyPid == 4242;
        foreach (ContainerConfig container in containers)
        {
            string cid = "/" + container.Id;
            ok &= Fetch(config + cid + "/config.json", context.ContainerConfig).Id == container.Id;
            ok &= Fetch(run + cid + "/state.json", context.LifecycleState).Fstype == "xfs";
            ok &= Fetch(run + cid + "/process.json", context.ContainerProcess).StartTime.Nanosecond == 123456789;
            ok &= Fetch(run + cid + "/mounts.json", context.ListMount).Count == 2;
            ok &= Fetch(run + cid + "/devices.json", context.ListDevice).Count == 3;
        }

        long allFetched = Stopwatch.GetTimestamp();
        Report.Write(main, ready, firstStore, allStored, firstFetch, allFetched);
        return ok ? 0 : 1;
    }

    private static void Store<T>(string path, T value, JsonTypeInfo<T> info, bool durable = false)
    {
        byte[] bytes = JsonSerializer.SerializeToUtf8Bytes(value, info);
        string temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0))
        {
            stream.Write(bytes);
            if (durable)
            {
                stream.Flush(flushToDisk: true);
            }
        }

        File.Move(temporary, path, overwrite: true);
    }

    private static T Fetch<T>(string path, JsonTypeInfo<T> info) =>
        JsonSerializer.Deserialize(File.ReadAllBytes(path), info) ?? throw new InvalidDataException(path + " holds null.");
}
