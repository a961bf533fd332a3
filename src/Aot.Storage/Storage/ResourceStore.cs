namespace Aot.Storage;

/// <summary>
/// Base of every generated typed store. The generator adds one Store/Fetch/TryFetch/Update/Delete/Exists/
/// path method per (kind, scope) of the declaration; this class carries the operations that do not
/// depend on a kind.
/// </summary>
public abstract class ResourceStore
{
    /// <summary>Default wait for the pod lock in the generated Update helpers.</summary>
    public static readonly TimeSpan DefaultLockTimeout = TimeSpan.FromSeconds(30);

    protected ResourceStore(IResourceEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        Engine = engine;
        FileSystemEngine = engine as FileSystem.FileSystemResourceEngine;
    }

    public IResourceEngine Engine { get; }

    /// <summary>
    /// <see cref="Engine"/> when it is the file-system engine. Generated methods call it directly: a
    /// generic method called through an interface is resolved by NativeAOT's type loader at run time
    /// (measured: 19 % of a short process's CPU and about 0.19 MB of binary), a call on the sealed class is not.
    /// </summary>
    protected FileSystem.FileSystemResourceEngine? FileSystemEngine { get; }

    public IResourceRouting Routing => Engine.Routing;

    public void CreatePod(string podId) => Engine.CreatePod(podId);

    public void CreateContainer(string podId, string containerId) => Engine.CreateContainer(podId, containerId);

    public IReadOnlyList<string> ListPods() => Engine.ListPods();

    public IReadOnlyList<string> ListContainers(string podId) => Engine.ListContainers(podId);

    public bool DeletePod(string podId) => Engine.DeletePod(podId);

    public bool DeleteContainer(string podId, string containerId) => Engine.DeleteContainer(podId, containerId);

    public IPodLock LockPod(string podId, PodLockMode mode, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        Engine.Lock(podId, mode, timeout, cancellationToken);

    public IPodLock? TryLockPod(string podId, PodLockMode mode) => Engine.TryLock(podId, mode);
}
