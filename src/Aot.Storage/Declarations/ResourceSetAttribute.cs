namespace Aot.Storage;

/// <summary>
/// Marks a partial class as the declaration of a resource set. The source generator turns the
/// <see cref="ResourceKindAttribute"/>s on the same class into a routing table, a typed store API
/// (the class derives from <see cref="ResourceStore"/>), Go-compatible JSON codecs for every reachable
/// type and a <c>JsonSerializerContext</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class ResourceSetAttribute : Attribute
{
    /// <summary>Name of the generated <c>JsonSerializerContext</c>; default <c>{ClassName}JsonContext</c>.</summary>
    public string? JsonContextName { get; set; }
}
