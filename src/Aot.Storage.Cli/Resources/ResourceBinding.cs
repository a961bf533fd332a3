using Aot.Storage.Json;
using Aot.Storage.VirtContainers;

namespace Aot.Storage.Cli.Resources;

/// <summary>
/// One resource at one level (pod or container): its kind and the typed calls of
/// <see cref="VirtContainersStore"/> that read and write it. Everything the commands do with a resource's
/// content goes through the typed model: <c>show</c> is fetch-and-serialize, <c>put</c> is parse-and-store.
/// </summary>
internal abstract class ResourceBinding
{
    protected ResourceBinding(ResourceKind kind, bool isContainerLevel)
    {
        Kind = kind;
        IsContainerLevel = isContainerLevel;
    }

    public ResourceKind Kind { get; }

    /// <summary>The kind's name: <c>config</c>, <c>devices</c>, ...</summary>
    public string Name => Kind.Name;

    public bool IsContainerLevel { get; }

    public ResourceAddress Address(string podId, string? containerId) =>
        IsContainerLevel
            ? ResourceAddress.ForContainer(Kind, podId, containerId ?? throw new ArgumentNullException(nameof(containerId)))
            : ResourceAddress.ForPod(Kind, podId);

    /// <summary>Fetches the stored value through the model and serializes it again: the bytes the store writes.</summary>
    public abstract byte[] FetchCanonical(VirtContainersStore store, string podId, string? containerId);

    /// <summary>Fetches the stored value through the model and drops it (throws if it does not parse).</summary>
    public abstract void FetchAndDiscard(VirtContainersStore store, string podId, string? containerId);

    /// <summary>
    /// Parses <paramref name="utf8Json"/> into the model (throws <see cref="MalformedJsonException"/>), and
    /// returns the store of that value, to be run later (under the pod lock).
    /// </summary>
    public abstract Action<VirtContainersStore, string, string?> ParseForStore(ReadOnlySpan<byte> utf8Json);
}

/// <summary>A <see cref="ResourceBinding"/> of payload type <typeparamref name="T"/>.</summary>
internal sealed class ResourceBinding<T> : ResourceBinding
{
    private readonly JsonCodec<T> _codec;
    private readonly Func<VirtContainersStore, string, string?, T> _fetch;
    private readonly Action<VirtContainersStore, string, string?, T> _store;

    public ResourceBinding(
        ResourceKind kind,
        bool isContainerLevel,
        JsonCodec<T> codec,
        Func<VirtContainersStore, string, string?, T> fetch,
        Action<VirtContainersStore, string, string?, T> store)
        : base(kind, isContainerLevel)
    {
        _codec = codec;
        _fetch = fetch;
        _store = store;
    }

    public override byte[] FetchCanonical(VirtContainersStore store, string podId, string? containerId) =>
        _codec.Serialize(_fetch(store, podId, containerId));

    public override void FetchAndDiscard(VirtContainersStore store, string podId, string? containerId) =>
        _ = _fetch(store, podId, containerId);

    public override Action<VirtContainersStore, string, string?> ParseForStore(ReadOnlySpan<byte> utf8Json)
    {
        T value = _codec.Deserialize(utf8Json);
        return (store, podId, containerId) => _store(store, podId, containerId, value);
    }
}
