namespace Aot.Storage.Generators.Model;

// Everything the emitter needs, as plain values: no ISymbol, SyntaxNode, Location or Compilation,
// so that equal declarations give equal models and the pipeline caches.

/// <summary>One [ResourceSet] class and everything reachable from its payloads.</summary>
internal sealed record ResourceSetModel(
    string Namespace,
    string ClassName,
    string ContextName,
    bool IsPublic,
    bool HasFileSystemEngine,
    EquatableArray<ResourceKindModel> Kinds,
    EquatableArray<CodecTypeModel> Types);

/// <summary>One [ResourceKind]: <see cref="Scope"/> and <see cref="Root"/> hold the runtime enum values.</summary>
internal sealed record ResourceKindModel(
    string Name,
    string MemberStem,
    string FileName,
    int Root,
    int Scope,
    bool IsLock,
    ValueModel? PodPayload,
    ValueModel? ContainerPayload);

internal enum ValueKind
{
    String,
    Boolean,
    SByte,
    Int16,
    Int32,
    Int64,
    Byte,
    UInt16,
    UInt32,
    UInt64,
    Base64,
    IPAddress,
    Timestamp,
    RawJson,

    /// <summary>An object, list, map or union: read and written by the generated methods of <see cref="ValueModel.CodecId"/>.</summary>
    Codec,
}

/// <summary>How one value (a property, an element, a map value) is read and written.</summary>
/// <param name="TypeName">Fully qualified C# type, with <c>global::</c> and without nullable annotation.</param>
/// <param name="IsNullableValueType">The value is <c>Nullable&lt;T&gt;</c> of <see cref="Kind"/>.</param>
/// <param name="AllowsNull">A reference type annotated nullable (or a Nullable&lt;T&gt;): JSON null is stored as null.</param>
/// <param name="IsEnum">An enum: <see cref="Kind"/> is its underlying integer kind, which is what is written.</param>
internal sealed record ValueModel(
    ValueKind Kind,
    string TypeName,
    bool IsNullableValueType,
    bool AllowsNull,
    bool IsEnum,
    string? CodecId);

internal enum CodecTypeKind
{
    Object,
    List,
    Map,
    Union,
}

/// <summary>A type with generated read/write methods.</summary>
/// <param name="Id">Identifier-safe unique name within the set (<c>PodConfig</c>, <c>ListOfMount</c>).</param>
/// <param name="DisplayName">Short name used in error messages.</param>
internal sealed record CodecTypeModel(
    string Id,
    string TypeName,
    string DisplayName,
    CodecTypeKind Kind,
    bool IsPublic,
    bool IsValueType,
    EquatableArray<PropertyModel> Properties,
    ValueModel? Element,
    MapKeyKind MapKey,
    string? MapKeyTypeName,
    UnionModel? Union)
{
    /// <summary>The type without nullable annotations on its type arguments, for <c>typeof</c>.</summary>
    public string RuntimeTypeName { get; init; } = TypeName;
}

internal enum MapKeyKind
{
    None,
    String,
    Signed,
    Unsigned,
}

/// <summary>A serialized member. Members of embedded objects are listed flattened, with <see cref="EmbeddedIn"/> set.</summary>
/// <param name="EmbeddedIn">The embedding property (C# name) when this member lives in an embedded object.</param>
/// <param name="UnionTagFrom">For external-tag unions: the C# name of the sibling tag property.</param>
internal sealed record PropertyModel(
    string Name,
    string JsonName,
    ValueModel Value,
    EmbeddedModel? EmbeddedIn,
    string? UnionTagFrom);

/// <param name="PropertyName">The embedding property's C# name.</param>
/// <param name="AllowsNull">Whether the embedding property is nullable (then its members are omitted when it is null).</param>
internal sealed record EmbeddedModel(string PropertyName, string TypeName, bool AllowsNull);

internal enum UnionStyleModel
{
    Envelope = 0,
    ExternalTag = 1,
    Shape = 2,
}

internal sealed record UnionModel(
    UnionStyleModel Style,
    string TagPropertyName,
    string DataPropertyName,
    EquatableArray<UnionCaseModel> Cases,
    string? UnknownCaseTypeName);

/// <param name="Depth">Inheritance depth below the union base; deeper cases are matched first.</param>
internal sealed record UnionCaseModel(
    string TypeName,
    string CodecId,
    EquatableArray<string> Tags,
    EquatableArray<string> IdentifyingProperties,
    int Depth);
