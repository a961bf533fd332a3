using System.Diagnostics.CodeAnalysis;

namespace Aot.Storage;

/// <summary>
/// Base of every generated typed store. The generator adds one Store/Fetch/TryFetch/Update/Delete/Exists/
/// path method per (kind, scope) of the declaration; this class carries the operations that do not
/// depend on a kind.
/// </summary>
public abstract class ResourceStore : IDisposable
{
    /// <summary>Default wait for the pod lock in the generated Update helpers.</summary>
    public static readonly TimeSpan DefaultLockTimeout = TimeSpan.FromSeconds(30);

    private const string CustomEngineSwitch = "Aot.Storage.ResourceStore.IsCustomEngineSupported";

    private readonly bool _ownsEngine;

    protected ResourceStore(IResourceEngine engine)
        : this(engine, ownsEngine: false)
    {
    }

    /// <param name="ownsEngine">Whether <see cref="Dispose"/> disposes <paramref name="engine"/>: true when the
    /// store created it (the generated constructor that takes options).</param>
    protected ResourceStore(IResourceEngine engine, bool ownsEngine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        _ownsEngine = ownsEngine;
        FileSystemEngine = engine as FileSystem.FileSystemResourceEngine;
        if (FileSystemEngine is null && !IsCustomEngineSupported)
        {
            throw CustomEngineNotSupported();
        }

        Engine = engine;
    }

    /// <summary>
    /// Whether a store may run over an <see cref="IResourceEngine"/> other than the file-system engine. True
    /// unless the app turns the feature switch <c>Aot.Storage.ResourceStore.IsCustomEngineSupported</c> off,
    /// which the package's build targets do for NativeAOT and trimmed publishes (MSBuild property
    /// <c>AotStorageCustomEngineSupport</c>). With the switch off the generated methods call only the sealed
    /// file-system engine: their generic calls through <see cref="IResourceEngine"/> are generic virtual
    /// methods, which NativeAOT resolves with its run-time type loader (about 0.2 MB of binary and a
    /// dictionary built at each first call), and the trimmer removes those calls and the loader with them.
    /// </summary>
    /// <remarks>Read on every use rather than cached, so that a test can turn it off and on; it is only
    /// read for engines other than the file-system one.</remarks>
    [FeatureSwitchDefinition(CustomEngineSwitch)]
    public static bool IsCustomEngineSupported => AppContext.TryGetSwitch(CustomEngineSwitch, out bool supported) ? supported : true;

    public IResourceEngine Engine { get; }

    /// <summary>Closes the directories the store's own engine keeps open (see
    /// <see cref="FileSystem.FileSystemStoreOptions.MaxOpenDirectories"/>); an engine passed in is left to its owner.</summary>
    public void Dispose()
    {
        if (_ownsEngine && Engine is IDisposable disposable)
        {
            disposable.Dispose();
        }

        GC.SuppressFinalize(this);
    }

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

    /// <summary>
    /// The error of a store over another engine while <see cref="IsCustomEngineSupported"/> is off. The
    /// constructor throws it; generated methods throw it where they would call another engine, which only a
    /// store built before the switch was turned off can reach.
    /// </summary>
    protected static NotSupportedException CustomEngineNotSupported() =>
        new("This app is built without support for resource engines other than FileSystemResourceEngine "
            + $"(feature switch {CustomEngineSwitch} is off, as the Aot.Storage package sets it for NativeAOT and trimmed publishes). "
            + "Set the MSBuild property <AotStorageCustomEngineSupport>true</AotStorageCustomEngineSupport> to use another IResourceEngine.");
}
