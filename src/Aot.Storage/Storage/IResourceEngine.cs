using Aot.Storage.Json;

namespace Aot.Storage;

/// <summary>
/// Where a resource set's files live. The generated typed API (<c>StorePodConfig</c>, ...) calls it with
/// the kind's address and the payload's generated codec; <c>FileSystem.FileSystemResourceEngine</c>
/// is the implementation that keeps the virtcontainers layout.
/// </summary>
/// <remarks>
/// Every member validates the pod and container IDs and the address (a container-only kind without a
/// container ID, a pod-only kind with one) before it touches anything, and throws the typed
/// <see cref="ResourceException"/>s.
/// </remarks>
public interface IResourceEngine
{
    IResourceRouting Routing { get; }

    /// <summary>Full path of the resource file.</summary>
    string GetPath(ResourceAddress address);

    /// <summary>Writes the resource atomically; on failure the previous file is left as it was.</summary>
    void Store<T>(ResourceAddress address, T value, JsonCodec<T> codec);

    /// <summary>Reads the resource; <see cref="ResourceNotFoundException"/> if it does not exist,
    /// <see cref="CorruptResourceException"/> if it does not parse.</summary>
    T Fetch<T>(ResourceAddress address, JsonCodec<T> codec);

    /// <summary>Reads the resource, or returns <see langword="false"/> if it does not exist.</summary>
    bool TryFetch<T>(ResourceAddress address, JsonCodec<T> codec, out T? value);

    /// <summary>
    /// Read-modify-write under the exclusive pod lock: <paramref name="update"/> receives the stored value
    /// (default when absent) and its result is stored atomically and returned.
    /// </summary>
    T Update<T>(ResourceAddress address, JsonCodec<T> codec, Func<T?, T> update, TimeSpan lockTimeout, CancellationToken cancellationToken = default);

    /// <summary>Deletes exactly this file; <see langword="false"/> if it did not exist.</summary>
    bool Delete(ResourceAddress address);

    bool Exists(ResourceAddress address);

    /// <summary>Creates the pod directories in both roots and the lock file (idempotent).</summary>
    void CreatePod(string podId);

    /// <summary>Creates the container directories in both roots (the pod must exist).</summary>
    void CreateContainer(string podId, string containerId);

    /// <summary>Pod IDs present under either root, sorted ordinally.</summary>
    IReadOnlyList<string> ListPods();

    /// <summary>Container IDs of a pod under either root, sorted ordinally.</summary>
    IReadOnlyList<string> ListContainers(string podId);

    /// <summary>Removes the container's directories in both roots.</summary>
    bool DeleteContainer(string podId, string containerId);

    /// <summary>Removes the pod's trees in both roots, the lock file last.</summary>
    bool DeletePod(string podId);

    /// <summary>Takes the pod lock, waiting up to <paramref name="timeout"/> (<see cref="Timeout.InfiniteTimeSpan"/> waits forever).</summary>
    /// <exception cref="LockTimeoutException">The lock was not obtained within the timeout.</exception>
    /// <exception cref="PodLockRecursionException">The calling thread already holds a conflicting lock of the pod
    /// (the file-system engine; the request would wait for itself).</exception>
    IPodLock Lock(string podId, PodLockMode mode, TimeSpan timeout, CancellationToken cancellationToken = default);

    /// <summary>Takes the pod lock if it is free now, else returns <see langword="null"/>.</summary>
    /// <exception cref="PodLockRecursionException">The calling thread already holds a conflicting lock of the pod
    /// (the file-system engine).</exception>
    IPodLock? TryLock(string podId, PodLockMode mode);
}
