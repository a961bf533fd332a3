using Aot.Storage.Json;

namespace Aot.Storage.VirtContainers;

/// <summary>
/// <see cref="PodConfig.ShimConfig"/>: a Go <c>interface{}</c> holding the shim's config struct, written
/// bare and identified only by the sibling <see cref="PodConfig.ShimType"/>. Go writes the same struct
/// (<c>ShimConfig{Path, Debug}</c>) for both shims; after a reload it writes a map, i.e. the keys sorted
/// (<c>{"Debug":..,"Path":..}</c>), which is the same JSON value in a different byte order.
/// </summary>
[JsonUnion(Style = UnionStyle.ExternalTag)]
public abstract class ShimConfig
{
}

/// <summary>Config of the kata shim.</summary>
[UnionCase(ShimTypes.KataShim)]
public sealed class KataShimConfig : ShimConfig
{
    public string Path { get; set; } = "";

    public bool Debug { get; set; }
}

/// <summary>Config of the cc shim; same shape as <see cref="KataShimConfig"/>.</summary>
[UnionCase(ShimTypes.CcShim)]
public sealed class CcShimConfig : ShimConfig
{
    public string Path { get; set; } = "";

    public bool Debug { get; set; }
}

/// <summary>
/// A shim config whose <see cref="PodConfig.ShimType"/> the model does not know (or that a noop shim left
/// non-null), kept verbatim so that rewriting the pod config loses nothing.
/// </summary>
[UnknownUnionCase]
public sealed class UnknownShimConfig : ShimConfig
{
    public UnknownShimConfig(RawJson data)
    {
        Data = data;
    }

    public RawJson Data { get; }
}
