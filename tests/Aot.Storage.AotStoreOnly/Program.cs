using System.Runtime.InteropServices;
using System.Text;
using Aot.Storage.FileSystem;
using Aot.Storage.VirtContainers;

// Stores and fetches one resource through the typed store; exit code 0 when the bytes are as expected.
DirectoryInfo root = Directory.CreateTempSubdirectory("aot-store-only-");
VirtContainersStore? store = null;
try
{
    store = new VirtContainersStore(new FileSystemStoreOptions
    {
        ConfigRoot = Path.Combine(root.FullName, "config"),
        RunRoot = Path.Combine(root.FullName, "run"),
    });

    store.CreatePod("pod");
    store.StorePodState("pod", new LifecycleState { State = LifecycleStates.Ready, BlockIndex = 1 });
    LifecycleState state = store.FetchPodState("pod");
    string written = Encoding.UTF8.GetString(File.ReadAllBytes(store.GetPodStatePath("pod")));

    const string Expected = """{"state":"ready","blockIndex":1,"fstype":"","hotpluggedDrive":false}""";
    if (written != Expected || state.State != LifecycleStates.Ready || state.BlockIndex != 1)
    {
        Console.WriteLine($"mismatch: {written}");
        return 1;
    }

    Console.WriteLine("store-only OK");
    return 0;
}
finally
{
    // The store removes its own trees, and rmdir the empty roots. Not Directory.Delete, not even of an empty
    // directory: its recursive branch enumerates the file system through generic code that NativeAOT
    // instantiates at run time, which would bring the type loader that PackageTests checks is absent.
    store?.DeletePod("pod");
    _ = NativeMethods.RemoveDirectory(Path.Combine(root.FullName, "config"));
    _ = NativeMethods.RemoveDirectory(Path.Combine(root.FullName, "run"));
    _ = NativeMethods.RemoveDirectory(root.FullName);
}

internal static partial class NativeMethods
{
    [LibraryImport("libc", EntryPoint = "rmdir", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int RemoveDirectory(string path);
}
