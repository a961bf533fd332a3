namespace Aot.Storage;

/// <summary>How the case of a <see cref="JsonUnionAttribute"/> union is recognised on the wire.</summary>
public enum UnionStyle
{
    /// <summary><c>{"Type":"vfio","Data":{...}}</c>: the tag is written next to the payload.</summary>
    Envelope = 0,

    /// <summary>The payload is written bare; the tag is a sibling property of the owning object
    /// (see <see cref="UnionTagFromAttribute"/>), as for <c>PodConfig.AgentConfig</c> and <c>AgentType</c>.</summary>
    ExternalTag = 1,

    /// <summary>The payload is written bare and recognised by the keys it contains
    /// (<see cref="UnionCaseAttribute.IdentifyingProperties"/>), as for netlink's <c>Encap</c>.</summary>
    Shape = 2,
}

/// <summary>Declares an abstract class as the base of a tagged union.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class JsonUnionAttribute : Attribute
{
    public UnionStyle Style { get; set; } = UnionStyle.Envelope;

    /// <summary>Envelope property that holds the tag (envelope style only).</summary>
    public string TagPropertyName { get; set; } = "Type";

    /// <summary>Envelope property that holds the payload (envelope style only).</summary>
    public string DataPropertyName { get; set; } = "Data";
}

/// <summary>Declares a class deriving from a <see cref="JsonUnionAttribute"/> base as one of its cases.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class UnionCaseAttribute : Attribute
{
    /// <param name="tags">The tag written for this case (the first one) and every tag read as this case.</param>
    public UnionCaseAttribute(params string[] tags)
    {
        Tags = tags;
    }

    public string[] Tags { get; }

    /// <summary>Shape style only: keys whose presence selects this case.</summary>
    public string[]? IdentifyingProperties { get; set; }
}

/// <summary>
/// Declares the case that keeps a value whose tag (or shape) is not known, as raw JSON, so that it is
/// written back unchanged. The class needs a constructor <c>(string tag, RawJson data)</c> for envelope
/// unions or <c>(RawJson data)</c> otherwise, and the matching <c>Tag</c>/<c>Data</c> properties.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class UnknownUnionCaseAttribute : Attribute
{
}

/// <summary>
/// On a property whose type is an <see cref="UnionStyle.ExternalTag"/> union: names the sibling string
/// property of the same object that selects the case.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false, AllowMultiple = false)]
public sealed class UnionTagFromAttribute : Attribute
{
    public UnionTagFromAttribute(string propertyName)
    {
        PropertyName = propertyName;
    }

    public string PropertyName { get; }
}

/// <summary>
/// Writes the members of the property's object inline in the owner, like a Go embedded struct; a null
/// value writes nothing and is created on read when one of its keys is present.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false, AllowMultiple = false)]
public sealed class JsonEmbeddedAttribute : Attribute
{
}
