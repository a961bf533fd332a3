namespace Aot.Storage;

/// <summary>
/// Declares one resource kind of a <see cref="ResourceSetAttribute"/> set: its name (used in method
/// names and on the command line), its file name, the root it lives under, and the payload type per scope.
/// </summary>
/// <remarks>
/// The scope is taken from the payloads given unless <see cref="Scope"/> is set; a kind without payload
/// (the pod lock) must set it. A payload given for a scope that <see cref="Scope"/> excludes is a compile-time error.
/// </remarks>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = true)]
public sealed class ResourceKindAttribute : Attribute
{
    public ResourceKindAttribute(string name, string fileName, StorageRoot root)
    {
        Name = name;
        FileName = fileName;
        Root = root;
    }

    public string Name { get; }

    public string FileName { get; }

    public StorageRoot Root { get; }

    /// <summary>Where the kind may be stored; <see cref="ResourceScope.None"/> means "derive from the payloads".</summary>
    public ResourceScope Scope { get; set; }

    /// <summary>Payload type of the pod-level file.</summary>
    public Type? PodPayload { get; set; }

    /// <summary>Payload type of the container-level file.</summary>
    public Type? ContainerPayload { get; set; }

    /// <summary>Marks the payload-less pod file that is flocked as the pod lock (at most one per set).</summary>
    public bool IsLock { get; set; }
}
