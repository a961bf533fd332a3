using Aot.Storage.FileSystem;
using Aot.Storage.VirtContainers;

namespace Aot.Storage.Startup.Apps;

/// <summary>The store of the Aot.Storage apps, so that both lay out their roots alike.</summary>
internal static class JobStore
{
    /// <summary>Config and run roots under <paramref name="root"/>; every other option at its default (durability:
    /// the config tree flushed, the run tree not).</summary>
    public static VirtContainersStore Open(string root) => new(new FileSystemStoreOptions
    {
        ConfigRoot = root + "/config",
        RunRoot = root + "/run",
    });
}
