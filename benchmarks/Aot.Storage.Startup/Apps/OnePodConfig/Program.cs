using System.Diagnostics;
using Aot.Storage.Tests.Samples;
using Aot.Storage.VirtContainers;

namespace Aot.Storage.Startup.Apps.OnePodConfig;

/// <summary>
/// The smallest job of a runtime process: creates a pod under <c>args[0]</c> (config and run roots, default
/// durability), stores its PodConfig and fetches it back through the typed API. This is the job of the
/// measurement the start-up target was set from (a hand-written store and fetch of one PodConfig). Exit code 0
/// when the fetched value matches.
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
        VirtContainersStore store = JobStore.Open(args[0]);
        store.CreatePod(Pod);

        long ready = Stopwatch.GetTimestamp();
        store.StorePodConfig(Pod, podConfig);
        long stored = Stopwatch.GetTimestamp();
        PodConfig fetched = store.FetchPodConfig(Pod);
        long fetchedAt = Stopwatch.GetTimestamp();
        bool ok = fetched.Id == Pod && fetched.Containers?.Count == 2 && fetched.ShimConfig is KataShimConfig;
        Report.Write(main, ready, stored, stored, fetchedAt, fetchedAt);
        return ok ? 0 : 1;
    }
}
