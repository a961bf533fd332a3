using System.Buffers;
using Aot.Storage.Json;

namespace Aot.Storage.Tests.Support;

/// <summary>
/// An engine that keeps files in a dictionary under the Go layout's paths: enough to test the generated
/// typed API and routing without a file system.
/// </summary>
internal sealed class InMemoryResourceEngine : IResourceEngine
{
    private readonly Dictionary<string, byte[]> _files = new(StringComparer.Ordinal);
    private readonly HashSet<string> _pods = new(StringComparer.Ordinal);

    public InMemoryResourceEngine(IResourceRouting routing)
    {
        Routing = routing;
    }

    public IResourceRouting Routing { get; }

    public IReadOnlyDictionary<string, byte[]> Files => _files;

    public string GetPath(ResourceAddress address)
    {
        if (address.Kind.RequiresContainerId && address.ContainerId is null)
        {
            throw new InvalidResourceIdException("Container ID cannot be empty", address.PodId, null, address.Kind.Name);
        }

        string root = address.Kind.Root == StorageRoot.Config ? "/config" : "/run";
        return address.ContainerId is null
            ? $"{root}/{address.PodId}/{address.Kind.FileName}"
            : $"{root}/{address.PodId}/{address.ContainerId}/{address.Kind.FileName}";
    }

    public void Store<T>(ResourceAddress address, T value, JsonCodec<T> codec)
    {
        var buffer = new ArrayBufferWriter<byte>();
        codec.Serialize(value, buffer);
        _files[GetPath(address)] = buffer.WrittenSpan.ToArray();
    }

    public T Fetch<T>(ResourceAddress address, JsonCodec<T> codec)
    {
        string path = GetPath(address);
        return _files.TryGetValue(path, out byte[]? bytes)
            ? codec.Deserialize(bytes)
            : throw new ResourceNotFoundException("resource does not exist", address.PodId, address.ContainerId, address.Kind.Name, path);
    }

    public bool TryFetch<T>(ResourceAddress address, JsonCodec<T> codec, out T? value)
    {
        if (_files.TryGetValue(GetPath(address), out byte[]? bytes))
        {
            value = codec.Deserialize(bytes);
            return true;
        }

        value = default;
        return false;
    }

    public T Update<T>(ResourceAddress address, JsonCodec<T> codec, Func<T?, T> update, TimeSpan lockTimeout, CancellationToken cancellationToken = default)
    {
        TryFetch(address, codec, out T? current);
        T next = update(current);
        Store(address, next, codec);
        return next;
    }

    public bool Delete(ResourceAddress address) => _files.Remove(GetPath(address));

    public bool Exists(ResourceAddress address) => _files.ContainsKey(GetPath(address));

    public void CreatePod(string podId) => _pods.Add(podId);

    public void CreateContainer(string podId, string containerId)
    {
    }

    public IReadOnlyList<string> ListPods() => [.. _pods.Order(StringComparer.Ordinal)];

    public IReadOnlyList<string> ListContainers(string podId) => [];

    public bool DeleteContainer(string podId, string containerId) => false;

    public bool DeletePod(string podId) => _pods.Remove(podId);

    public IPodLock Lock(string podId, PodLockMode mode, TimeSpan timeout, CancellationToken cancellationToken = default) => new NoLock(podId, mode);

    public IPodLock? TryLock(string podId, PodLockMode mode) => new NoLock(podId, mode);

    private sealed record NoLock(string PodId, PodLockMode Mode) : IPodLock
    {
        public void Dispose()
        {
        }
    }
}
