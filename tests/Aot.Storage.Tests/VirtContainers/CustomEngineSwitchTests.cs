using Aot.Storage.Tests.Samples;
using Aot.Storage.Tests.Storage;
using Aot.Storage.Tests.Support;
using Aot.Storage.VirtContainers;

namespace Aot.Storage.Tests.VirtContainers;

/// <summary>
/// The feature switch that NativeAOT and trimmed publishes turn off (<c>AotStorageCustomEngineSupport</c>):
/// stores over the file-system engine keep working, stores over any other engine are refused with an error
/// that names the MSBuild property. The switch is process-wide, so these tests run alone.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class CustomEngineSwitchTests
{
    private const string Switch = "Aot.Storage.ResourceStore.IsCustomEngineSupported";
    private const string Pod = GoldenSamples.PodId;

    private const string Expected =
        "This app is built without support for resource engines other than FileSystemResourceEngine "
        + "(feature switch Aot.Storage.ResourceStore.IsCustomEngineSupported is off, as the Aot.Storage package sets it for NativeAOT and trimmed publishes). "
        + "Set the MSBuild property <AotStorageCustomEngineSupport>true</AotStorageCustomEngineSupport> to use another IResourceEngine.";

    [Fact]
    public void Custom_engines_are_supported_by_default()
    {
        Assert.True(ResourceStore.IsCustomEngineSupported);
        var store = new VirtContainersStore(new InMemoryResourceEngine(VirtContainersStore.RoutingTable));
        store.StorePodState(Pod, GoldenSamples.PodState());
        Assert.Equal(GoldenSamples.PodState().State, store.FetchPodState(Pod).State);
    }

    [Fact]
    public void With_the_switch_off_a_store_over_another_engine_is_refused()
    {
        WithSwitchOff(() =>
        {
            Assert.False(ResourceStore.IsCustomEngineSupported);
            NotSupportedException error = Assert.Throws<NotSupportedException>(() => new VirtContainersStore(new InMemoryResourceEngine(VirtContainersStore.RoutingTable)));
            Assert.Equal(Expected, error.Message);
        });
    }

    [Fact]
    public void With_the_switch_off_the_file_system_engine_still_works()
    {
        using var env = new StorageTestEnvironment();
        WithSwitchOff(() =>
        {
            var store = new VirtContainersStore(env.Options);
            store.CreatePod(Pod);
            store.StorePodState(Pod, GoldenSamples.PodState());
            Assert.Equal(GoldenSamples.PodState().State, store.FetchPodState(Pod).State);
            Assert.True(store.TryFetchPodState(Pod, out LifecycleState? state));
            Assert.Equal(GoldenSamples.PodState().BlockIndex, state!.BlockIndex);
            Assert.Equal(1, store.UpdatePodState(Pod, _ => new LifecycleState { State = "ready", BlockIndex = 1 }).BlockIndex);
        });
    }

    [Fact]
    public void Generated_methods_refuse_another_engine_when_the_switch_goes_off_later()
    {
        // What the trimmer leaves in place of the interface calls when the switch is off at compile time.
        var store = new VirtContainersStore(new InMemoryResourceEngine(VirtContainersStore.RoutingTable));
        WithSwitchOff(() =>
        {
            Assert.Equal(Expected, Assert.Throws<NotSupportedException>(() => store.StorePodState(Pod, GoldenSamples.PodState())).Message);
            Assert.Equal(Expected, Assert.Throws<NotSupportedException>(() => store.FetchPodState(Pod)).Message);
            Assert.Equal(Expected, Assert.Throws<NotSupportedException>(() => store.TryFetchPodState(Pod, out _)).Message);
            Assert.Equal(Expected, Assert.Throws<NotSupportedException>(() => store.UpdatePodState(Pod, s => s!)).Message);
        });
    }

    private static void WithSwitchOff(Action action)
    {
        AppContext.SetSwitch(Switch, false);
        try
        {
            action();
        }
        finally
        {
            // On is the default when nothing sets the switch.
            AppContext.SetSwitch(Switch, true);
        }
    }
}
