using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Aot.Storage.Generators.Diagnostics;
using Aot.Storage.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Aot.Storage.Generators.Parsing;

/// <summary>What parsing one [ResourceSet] class gives: a model when the declaration is valid, and the diagnostics.</summary>
internal sealed class ParseResult
{
    public ParseResult(ResourceSetModel? model, ImmutableArray<Diagnostic> diagnostics)
    {
        Model = model;
        Diagnostics = diagnostics;
    }

    public ResourceSetModel? Model { get; }

    public ImmutableArray<Diagnostic> Diagnostics { get; }
}

/// <summary>
/// Turns a [ResourceSet] class into a <see cref="ResourceSetModel"/>: reads the kinds, then walks every
/// type reachable from the payloads. Used by the generator (which only takes the model) and by the
/// analyzer (which only reports the diagnostics), so the two can never disagree.
/// </summary>
internal sealed class ResourceSetParser
{
    // Type arguments keep their nullable annotations (List<Route?>), so that declarations match the model's.
    private static readonly SymbolDisplayFormat s_annotatedFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    private readonly Compilation _compilation;
    private readonly KnownSymbols _known;
    private readonly CancellationToken _cancellationToken;
    private readonly List<Diagnostic> _diagnostics = new();
    private readonly Dictionary<string, CodecTypeModel?> _codecTypes = new(StringComparer.Ordinal);
    private readonly List<string> _codecOrder = new();
    private readonly Dictionary<string, string> _ids = new(StringComparer.Ordinal);
    private readonly HashSet<string> _usedIds = new(StringComparer.Ordinal);
    private string _contextName = string.Empty;

    private ResourceSetParser(Compilation compilation, CancellationToken cancellationToken)
    {
        _compilation = compilation;
        _known = new KnownSymbols(compilation);
        _cancellationToken = cancellationToken;
    }

    public static ParseResult Parse(INamedTypeSymbol setType, Compilation compilation, CancellationToken cancellationToken)
    {
        var parser = new ResourceSetParser(compilation, cancellationToken);
        ResourceSetModel? model = parser.ParseSet(setType);
        bool hasErrors = parser._diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
        return new ParseResult(hasErrors ? null : model, parser._diagnostics.ToImmutableArray());
    }

    private ResourceSetModel? ParseSet(INamedTypeSymbol setType)
    {
        Location setLocation = FirstSourceLocation(setType) ?? Location.None;
        if (!IsPartialTopLevel(setType))
        {
            Report(DiagnosticDescriptors.SetMustBePartial, setLocation, setType.Name);
        }

        AttributeData? setAttribute = KnownSymbols.Find(setType, _known.ResourceSetAttribute);
        string contextName = ContextNameOf(setType, setAttribute);
        if (ContextNameConflict(setType, contextName) is string clash)
        {
            Location attributeLocation = setAttribute?.ApplicationSyntaxReference?.GetSyntax(_cancellationToken).GetLocation() ?? setLocation;
            Report(DiagnosticDescriptors.ContextNameConflict, attributeLocation, contextName, setType.Name, clash);
        }

        _contextName = contextName;
        var kinds = new List<ResourceKindModel>();
        var kindNames = new HashSet<string>(StringComparer.Ordinal);
        var fileNames = new HashSet<string>(StringComparer.Ordinal);
        int lockCount = 0;
        foreach (AttributeData attribute in setType.GetAttributes())
        {
            _cancellationToken.ThrowIfCancellationRequested();
            if (!KnownSymbols.Is(attribute.AttributeClass, _known.ResourceKindAttribute) || attribute.ConstructorArguments.Length != 3)
            {
                continue;
            }

            Location location = attribute.ApplicationSyntaxReference?.GetSyntax(_cancellationToken).GetLocation() ?? setLocation;
            ResourceKindModel? kind = ParseKind(attribute, location, setType.Name, kindNames, fileNames, ref lockCount);
            if (kind is not null)
            {
                kinds.Add(kind);
            }
        }

        var types = new List<CodecTypeModel>();
        foreach (string typeName in _codecOrder)
        {
            if (_codecTypes[typeName] is { } type)
            {
                types.Add(type);
            }
        }

        return new ResourceSetModel(
            setType.ContainingNamespace.IsGlobalNamespace ? string.Empty : setType.ContainingNamespace.ToDisplayString(),
            setType.Name,
            contextName,
            setType.DeclaredAccessibility == Accessibility.Public,
            _compilation.GetTypeByMetadataName("Aot.Storage.FileSystem.FileSystemResourceEngine") is not null,
            new EquatableArray<ResourceKindModel>(kinds),
            new EquatableArray<CodecTypeModel>(types));
    }

    /// <summary>The name of the JSON context generated for <paramref name="setType"/>: JsonContextName, or the set's name
    /// followed by <c>JsonContext</c>.</summary>
    private static string ContextNameOf(INamedTypeSymbol setType, AttributeData? setAttribute)
    {
        foreach (KeyValuePair<string, TypedConstant> named in setAttribute?.NamedArguments ?? ImmutableArray<KeyValuePair<string, TypedConstant>>.Empty)
        {
            if (named.Key == "JsonContextName" && named.Value.Value is string name && SyntaxFacts.IsValidIdentifier(name))
            {
                return name;
            }
        }

        return setType.Name + "JsonContext";
    }

    /// <summary>What else in the set's namespace bears <paramref name="contextName"/> (described for the message), or null:
    /// the set itself, a type declared there, or the context of another resource set. Contexts this generator made are
    /// recognized by their GeneratedCode attribute and left to the check of the set they belong to.</summary>
    private string? ContextNameConflict(INamedTypeSymbol setType, string contextName)
    {
        if (contextName == setType.Name)
        {
            return "the resource set itself";
        }

        INamespaceSymbol ns = setType.ContainingNamespace;
        foreach (INamedTypeSymbol type in ns.GetTypeMembers(contextName))
        {
            if (!IsGeneratedContext(type))
            {
                return $"the type '{type.ToDisplayString()}'";
            }
        }

        foreach (INamedTypeSymbol other in ns.GetTypeMembers())
        {
            _cancellationToken.ThrowIfCancellationRequested();
            if (!SymbolEqualityComparer.Default.Equals(other, setType)
                && KnownSymbols.Find(other, _known.ResourceSetAttribute) is { } otherAttribute
                && ContextNameOf(other, otherAttribute) == contextName)
            {
                return $"the JSON context of resource set '{other.Name}'";
            }
        }

        return null;
    }

    private static bool IsGeneratedContext(INamedTypeSymbol type) =>
        type.GetAttributes().Any(a =>
            a.AttributeClass?.ToDisplayString() == "System.CodeDom.Compiler.GeneratedCodeAttribute"
            && a.ConstructorArguments.Length > 0
            && a.ConstructorArguments[0].Value is "Aot.Storage.Generators");

    private ResourceKindModel? ParseKind(AttributeData attribute, Location location, string setName, HashSet<string> kindNames, HashSet<string> fileNames, ref int lockCount)
    {
        string name = attribute.ConstructorArguments[0].Value as string ?? string.Empty;
        string fileName = attribute.ConstructorArguments[1].Value as string ?? string.Empty;
        int root = attribute.ConstructorArguments[2].Value is int r ? r : 0;
        int explicitScope = 0;
        bool isLock = false;
        ITypeSymbol? podPayload = null;
        ITypeSymbol? containerPayload = null;
        foreach (KeyValuePair<string, TypedConstant> named in attribute.NamedArguments)
        {
            switch (named.Key)
            {
                case "Scope":
                    explicitScope = named.Value.Value is int s ? s : 0;
                    break;
                case "IsLock":
                    isLock = named.Value.Value is true;
                    break;
                case "PodPayload":
                    podPayload = named.Value.Value as ITypeSymbol;
                    break;
                case "ContainerPayload":
                    containerPayload = named.Value.Value as ITypeSymbol;
                    break;
            }
        }

        bool valid = true;
        if (!IsValidKindName(name))
        {
            Report(DiagnosticDescriptors.InvalidKindDeclaration, location, name, "the name must be lowercase ASCII letters and digits, words joined by '-' (e.g. 'config', 'vm-state')");
            valid = false;
        }

        if (!IsValidFileName(fileName))
        {
            Report(DiagnosticDescriptors.InvalidKindDeclaration, location, name, $"file name '{fileName}' must be a single path component of printable ASCII that does not start with '.'");
            valid = false;
        }

        // Names become member names ("vm-state" -> StorePodVmState): two names may not meet there either.
        if (!kindNames.Add(name) || !kindNames.Add("member:" + ToPascalCase(name)))
        {
            Report(DiagnosticDescriptors.DuplicateKindName, location, name, setName);
            valid = false;
        }

        if (!fileNames.Add(fileName))
        {
            Report(DiagnosticDescriptors.DuplicateFileName, location, fileName, setName);
            valid = false;
        }

        const int Pod = 1;
        const int Container = 2;
        int scope = explicitScope;
        if (scope == 0)
        {
            scope = (podPayload is null ? 0 : Pod) | (containerPayload is null ? 0 : Container);
            if (isLock && scope == 0)
            {
                scope = Pod;
            }
        }

        if (isLock)
        {
            if (podPayload is not null || containerPayload is not null)
            {
                Report(DiagnosticDescriptors.InvalidLockKind, location, name, "a lock kind has no payload");
                valid = false;
            }

            if (scope != Pod)
            {
                Report(DiagnosticDescriptors.InvalidLockKind, location, name, "a lock kind is pod-scoped");
                valid = false;
            }

            if (++lockCount > 1)
            {
                Report(DiagnosticDescriptors.InvalidLockKind, location, name, "a resource set has at most one lock kind");
                valid = false;
            }
        }
        else
        {
            if (scope == 0)
            {
                Report(DiagnosticDescriptors.MissingPayload, location, name, "pod or container");
                valid = false;
            }

            if (podPayload is not null && (scope & Pod) == 0)
            {
                Report(DiagnosticDescriptors.PayloadOutsideScope, location, name, "pod", ScopeName(scope));
                valid = false;
            }

            if (containerPayload is not null && (scope & Container) == 0)
            {
                Report(DiagnosticDescriptors.PayloadOutsideScope, location, name, "container", ScopeName(scope));
                valid = false;
            }

            if ((scope & Pod) != 0 && podPayload is null)
            {
                Report(DiagnosticDescriptors.MissingPayload, location, name, "pod");
                valid = false;
            }

            if ((scope & Container) != 0 && containerPayload is null)
            {
                Report(DiagnosticDescriptors.MissingPayload, location, name, "container");
                valid = false;
            }
        }

        ValueModel? podValue = podPayload is null ? null : ResolvePayload(podPayload, location, name);
        ValueModel? containerValue = containerPayload is null ? null : ResolvePayload(containerPayload, location, name);
        if (!valid)
        {
            return null;
        }

        return new ResourceKindModel(name, ToPascalCase(name), fileName, root, scope, isLock, podValue, containerValue);
    }

    private ValueModel? ResolvePayload(ITypeSymbol payload, Location location, string kindName)
    {
        ValueModel? value = Resolve(payload, NullableAnnotation.NotAnnotated, location, $"payload of kind {kindName}");
        // A struct payload would need T? to mean Nullable<T> in TryFetch/Update; payloads are reference types.
        if (value is not null && (value.Kind != ValueKind.Codec || payload.IsValueType))
        {
            Report(DiagnosticDescriptors.UnsupportedType, location, $"payload of kind {kindName}", payload.ToDisplayString(), "a payload must be a class, a List<T>, a Dictionary or a [JsonUnion] type");
            return null;
        }

        return value;
    }

    /// <summary>Classifies a type; registers and parses codec types (once each). Reports and returns null when unsupported.</summary>
    private ValueModel? Resolve(ITypeSymbol type, NullableAnnotation annotation, Location location, string member)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        bool annotatedNullable = annotation == NullableAnnotation.Annotated;
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            ValueModel? inner = Resolve(nullable.TypeArguments[0], NullableAnnotation.NotAnnotated, location, member);
            return inner is null ? null : inner with { IsNullableValueType = true, AllowsNull = true };
        }

        string typeName = type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(s_annotatedFormat);
        if (type.TypeKind == TypeKind.Enum && type is INamedTypeSymbol { EnumUnderlyingType: { } underlying })
        {
            ValueKind? enumKind = PrimitiveKind(underlying.SpecialType);
            return enumKind is null ? Unsupported(type, location, member, "the enum's underlying type is not an integer") : new ValueModel(enumKind.Value, typeName, false, false, true, null);
        }

        if (type.SpecialType == SpecialType.System_String)
        {
            return new ValueModel(ValueKind.String, typeName, false, annotatedNullable, false, null);
        }

        if (type.SpecialType == SpecialType.System_Boolean)
        {
            return new ValueModel(ValueKind.Boolean, typeName, false, false, false, null);
        }

        if (PrimitiveKind(type.SpecialType) is { } primitive)
        {
            return new ValueModel(primitive, typeName, false, false, false, null);
        }

        if (type is IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Byte })
        {
            return new ValueModel(ValueKind.Base64, typeName, false, annotatedNullable, false, null);
        }

        if (KnownSymbols.Is(type, _known.IPAddress))
        {
            return new ValueModel(ValueKind.IPAddress, typeName, false, annotatedNullable, false, null);
        }

        if (KnownSymbols.Is(type, _known.Timestamp))
        {
            return new ValueModel(ValueKind.Timestamp, typeName, false, false, false, null);
        }

        if (KnownSymbols.Is(type, _known.RawJson))
        {
            return new ValueModel(ValueKind.RawJson, typeName, false, annotatedNullable, false, null);
        }

        string? reason = UnsupportedReason(type);
        if (reason is not null)
        {
            return Unsupported(type, location, member, reason);
        }

        var named = (INamedTypeSymbol)type;
        string? id = EnsureCodecType(named, typeName, named.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), location, member);
        return id is null ? null : new ValueModel(ValueKind.Codec, typeName, false, annotatedNullable, false, id);
    }

    private static ValueKind? PrimitiveKind(SpecialType specialType) => specialType switch
    {
        SpecialType.System_SByte => ValueKind.SByte,
        SpecialType.System_Int16 => ValueKind.Int16,
        SpecialType.System_Int32 => ValueKind.Int32,
        SpecialType.System_Int64 => ValueKind.Int64,
        SpecialType.System_Byte => ValueKind.Byte,
        SpecialType.System_UInt16 => ValueKind.UInt16,
        SpecialType.System_UInt32 => ValueKind.UInt32,
        SpecialType.System_UInt64 => ValueKind.UInt64,
        _ => null,
    };

    private string? UnsupportedReason(ITypeSymbol type)
    {
        switch (type)
        {
            case IPointerTypeSymbol or IFunctionPointerTypeSymbol:
                return "pointers are not data";
            case IDynamicTypeSymbol:
                return "'dynamic' has no shape to generate code for";
            case IArrayTypeSymbol:
                return "arrays other than byte[] are not supported; use List<T>";
            case ITypeParameterSymbol:
                return "open generic members are not supported";
        }

        if (type.SpecialType == SpecialType.System_Object)
        {
            return "'object' has no shape to generate code for; use a [JsonUnion] type or RawJson";
        }

        if (type.SpecialType is SpecialType.System_Single or SpecialType.System_Double or SpecialType.System_Decimal)
        {
            return "floating-point numbers are not part of the Go-compatible format";
        }

        if (type.SpecialType is SpecialType.System_Char or SpecialType.System_DateTime or SpecialType.System_IntPtr or SpecialType.System_UIntPtr)
        {
            return "this primitive has no Go counterpart in the format; use string, an integer or Timestamp";
        }

        if (type is not INamedTypeSymbol named)
        {
            return "this kind of type is not supported";
        }

        if (named.TypeKind == TypeKind.Delegate)
        {
            return "delegates are not data";
        }

        if (named.TypeKind == TypeKind.Interface)
        {
            return "interfaces are not supported; declare an abstract class with [JsonUnion] and its cases";
        }

        if (named.IsGenericType && !IsList(named) && !IsDictionary(named))
        {
            return "generic types other than List<T> and Dictionary<TKey, TValue> are not supported";
        }

        if (named.IsAbstract && KnownSymbols.Find(named, _known.JsonUnionAttribute) is null && !IsList(named) && !IsDictionary(named))
        {
            return "an abstract class needs [JsonUnion] and cases";
        }

        if (named.TypeKind is not (TypeKind.Class or TypeKind.Struct))
        {
            return "only classes and structs are supported";
        }

        if (!IsList(named) && !IsDictionary(named) && named.ContainingNamespace?.ToDisplayString() is { } ns && (ns == "System" || ns.StartsWith("System.", StringComparison.Ordinal)))
        {
            return "framework types are not supported unless listed in the documentation";
        }

        return null;
    }

    private bool IsList(INamedTypeSymbol type) => KnownSymbols.Is(type.OriginalDefinition, _known.List);

    private bool IsDictionary(INamedTypeSymbol type) => KnownSymbols.Is(type.OriginalDefinition, _known.Dictionary);

    private ValueModel? Unsupported(ITypeSymbol type, Location location, string member, string reason)
    {
        Report(DiagnosticDescriptors.UnsupportedType, location, member, type.ToDisplayString(), reason);
        return null;
    }

    private string? EnsureCodecType(INamedTypeSymbol type, string typeName, string runtimeTypeName, Location location, string member)
    {
        if (_codecTypes.ContainsKey(typeName))
        {
            return _ids.TryGetValue(typeName, out string? existing) ? existing : null;
        }

        string id = AssignId(type, typeName);
        _codecTypes[typeName] = null;
        _ids[typeName] = id;
        _codecOrder.Add(typeName);
        CodecTypeModel? model = ParseCodecType(type, typeName, id, location, member);
        model = model is null ? null : model with { RuntimeTypeName = runtimeTypeName };
        _codecTypes[typeName] = model;
        if (model is null)
        {
            _ids.Remove(typeName);
            return null;
        }

        return id;
    }

    /// <summary>
    /// A codec ID that names no other member of the generated <c>Codecs</c> class or JSON context: each ID becomes a
    /// property, a nested <c>{id}Codec</c> class, <c>Read{id}</c>, <c>Write{id}</c>, <c>Match{id}</c>,
    /// <c>FoldedMatch{id}</c>, <c>Read{id}Payload</c> and a context field <c>_{id}</c>, beside the fixed members of
    /// those two classes; a type named <c>Codecs</c>, <c>Default</c> or <c>XCodec</c> next to <c>X</c> gets a numbered ID.
    /// </summary>
    private string AssignId(INamedTypeSymbol type, string typeName)
    {
        string baseId = IdFor(type);
        string id = baseId;
        for (int suffix = 2; MemberNamesOf(id).Any(name => _usedIds.Contains(name) || s_reservedMemberNames.Contains(name) || name == _contextName); suffix++)
        {
            id = baseId + suffix.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        foreach (string name in MemberNamesOf(id))
        {
            _usedIds.Add(name);
        }

        return id;
    }

    private static readonly HashSet<string> s_reservedMemberNames = new(StringComparer.Ordinal)
    {
        "Codecs", "Default", "GeneratedSerializerOptions", "s_defaultOptions", "GetTypeInfo", "Create", "Options",
        "Equals", "GetHashCode", "ToString", "GetType", "MemberwiseClone", "ReferenceEquals", "Finalize",
    };

    private static IEnumerable<string> MemberNamesOf(string id)
    {
        yield return id;
        yield return id + "Codec";
        yield return "Read" + id;
        yield return "Write" + id;
        yield return "Match" + id;
        yield return "FoldedMatch" + id;
        yield return "Read" + id + "Payload";
        yield return "_" + id;
    }

    private string IdFor(ITypeSymbol type)
    {
        if (type is INamedTypeSymbol named)
        {
            if (named.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T)
            {
                return "Nullable" + IdFor(named.TypeArguments[0]);
            }

            if (IsList(named))
            {
                return "ListOf" + IdFor(named.TypeArguments[0]);
            }

            if (IsDictionary(named))
            {
                return "MapOf" + IdFor(named.TypeArguments[0]) + "To" + IdFor(named.TypeArguments[1]);
            }

            string name = named.Name;
            for (INamedTypeSymbol? outer = named.ContainingType; outer is not null; outer = outer.ContainingType)
            {
                name = outer.Name + "_" + name;
            }

            return name;
        }

        if (type is IArrayTypeSymbol array)
        {
            return "ArrayOf" + IdFor(array.ElementType);
        }

        return type.SpecialType switch
        {
            SpecialType.System_String => "String",
            SpecialType.System_Boolean => "Boolean",
            _ => type.Name,
        };
    }

    private CodecTypeModel? ParseCodecType(INamedTypeSymbol type, string typeName, string id, Location location, string member)
    {
        bool isPublic = IsEffectivelyPublic(type);
        string display = type.Name;
        if (IsList(type))
        {
            ITypeSymbol elementType = type.TypeArguments[0];
            ValueModel? element = Resolve(elementType, type.TypeArgumentNullableAnnotations[0], location, member + " element");
            return element is null ? null : new CodecTypeModel(id, typeName, "list of " + elementType.Name, CodecTypeKind.List, isPublic && IsPublicValue(elementType), false, EquatableArray<PropertyModel>.Empty, element, MapKeyKind.None, null, null);
        }

        if (IsDictionary(type))
        {
            ITypeSymbol keyType = type.TypeArguments[0];
            MapKeyKind keyKind = keyType.SpecialType switch
            {
                SpecialType.System_String => MapKeyKind.String,
                SpecialType.System_SByte or SpecialType.System_Int16 or SpecialType.System_Int32 or SpecialType.System_Int64 => MapKeyKind.Signed,
                SpecialType.System_Byte or SpecialType.System_UInt16 or SpecialType.System_UInt32 or SpecialType.System_UInt64 => MapKeyKind.Unsigned,
                _ => MapKeyKind.None,
            };
            if (keyKind == MapKeyKind.None)
            {
                Report(DiagnosticDescriptors.UnsupportedType, location, member, type.ToDisplayString(), "map keys must be strings or integers, as in Go's encoding/json");
                return null;
            }

            ValueModel? value = Resolve(type.TypeArguments[1], type.TypeArgumentNullableAnnotations[1], location, member + " value");
            return value is null ? null : new CodecTypeModel(id, typeName, "map", CodecTypeKind.Map, isPublic && IsPublicValue(type.TypeArguments[1]), false, EquatableArray<PropertyModel>.Empty, value, keyKind, keyType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), null);
        }

        if (KnownSymbols.Find(type, _known.JsonUnionAttribute) is { } unionAttribute)
        {
            UnionModel? union = ParseUnion(type, unionAttribute, location);
            return union is null ? null : new CodecTypeModel(id, typeName, display, CodecTypeKind.Union, isPublic, false, EquatableArray<PropertyModel>.Empty, null, MapKeyKind.None, null, union);
        }

        EquatableArray<PropertyModel>? properties = ParseObjectMembers(type, location);
        return properties is null ? null : new CodecTypeModel(id, typeName, display, CodecTypeKind.Object, isPublic, type.IsValueType, properties.Value, null, MapKeyKind.None, null, null);
    }

    private static bool IsPublicValue(ITypeSymbol type) => type is not INamedTypeSymbol named || IsEffectivelyPublic(named);

    private static bool IsEffectivelyPublic(INamedTypeSymbol type)
    {
        for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
        {
            if (current.DeclaredAccessibility != Accessibility.Public)
            {
                return false;
            }
        }

        foreach (ITypeSymbol argument in type.TypeArguments)
        {
            if (!IsPublicValue(argument))
            {
                return false;
            }
        }

        return true;
    }

    private EquatableArray<PropertyModel>? ParseObjectMembers(INamedTypeSymbol type, Location referenceLocation)
    {
        Location typeLocation = FirstSourceLocation(type) ?? referenceLocation;
        if (!type.IsValueType && !type.InstanceConstructors.Any(c => c.Parameters.Length == 0 && c.DeclaredAccessibility == Accessibility.Public))
        {
            Report(DiagnosticDescriptors.NoUsableConstructor, typeLocation, type.ToDisplayString(), "it needs a public parameterless constructor");
            return null;
        }

        bool ok = true;
        var properties = new List<PropertyModel>();
        var ownNames = new HashSet<string>(StringComparer.Ordinal);
        var embedded = new List<(IPropertySymbol Property, INamedTypeSymbol Type, int Position)>();
        foreach (IPropertySymbol property in SerializableProperties(type))
        {
            Location location = FirstSourceLocation(property) ?? typeLocation;
            if (property.SetMethod is null || property.SetMethod.DeclaredAccessibility != Accessibility.Public || property.SetMethod.IsInitOnly)
            {
                if (property.SetMethod is { IsInitOnly: true })
                {
                    Report(DiagnosticDescriptors.NoUsableConstructor, location, $"{type.Name}.{property.Name}", "init-only properties cannot be set by the generated reader; use a public setter");
                    ok = false;
                }

                continue;
            }

            if (KnownSymbols.Find(property, _known.JsonEmbeddedAttribute) is not null)
            {
                if (property.Type is not INamedTypeSymbol embeddedType || embeddedType.TypeKind != TypeKind.Class || UnsupportedReason(embeddedType) is not null || IsList(embeddedType) || IsDictionary(embeddedType) || KnownSymbols.Find(embeddedType, _known.JsonUnionAttribute) is not null)
                {
                    Report(DiagnosticDescriptors.InvalidEmbedding, location, $"{type.Name}.{property.Name}", "its type is not a plain class");
                    ok = false;
                    continue;
                }

                embedded.Add((property, embeddedType, properties.Count));
                continue;
            }

            string jsonName = JsonName(property);
            if (!ownNames.Add(jsonName))
            {
                Report(DiagnosticDescriptors.DuplicateJsonName, location, jsonName, type.Name);
                ok = false;
                continue;
            }

            ValueModel? value = Resolve(property.Type, property.NullableAnnotation, location, $"{type.Name}.{property.Name}");
            if (value is null)
            {
                ok = false;
                continue;
            }

            string? tagFrom = null;
            bool isExternalUnion = value.Kind == ValueKind.Codec && _codecTypes.TryGetValue(value.TypeName, out CodecTypeModel? target) && target?.Union?.Style == UnionStyleModel.ExternalTag;
            AttributeData? tagAttribute = KnownSymbols.Find(property, _known.UnionTagFromAttribute);
            if (tagAttribute is not null)
            {
                tagFrom = tagAttribute.ConstructorArguments.FirstOrDefault().Value as string;
                if (!isExternalUnion)
                {
                    Report(DiagnosticDescriptors.InvalidTagSource, location, $"{type.Name}.{property.Name}", "[UnionTagFrom] applies only to properties whose type is a [JsonUnion(Style = UnionStyle.ExternalTag)] union");
                    ok = false;
                }
            }
            else if (isExternalUnion)
            {
                Report(DiagnosticDescriptors.MissingTagSource, location, $"{type.Name}.{property.Name}", property.Type.ToDisplayString());
                ok = false;
            }

            properties.Add(new PropertyModel(property.Name, jsonName, value, null, tagFrom));
        }

        foreach (PropertyModel property in properties)
        {
            if (property.UnionTagFrom is { } source && !properties.Any(p => p.Name == source && p.Value.Kind == ValueKind.String && p.EmbeddedIn is null))
            {
                Report(DiagnosticDescriptors.InvalidTagSource, typeLocation, $"{type.Name}.{property.Name}", $"the tag source '{source}' must be a string property of '{type.Name}'");
                ok = false;
            }
        }

        // Embedded members go where the embedding property stands; members the outer type also has are hidden, as in Go.
        for (int i = embedded.Count - 1; i >= 0; i--)
        {
            (IPropertySymbol property, INamedTypeSymbol embeddedType, int position) = embedded[i];
            Location location = FirstSourceLocation(property) ?? typeLocation;
            EquatableArray<PropertyModel>? inner = ParseObjectMembers(embeddedType, location);
            if (inner is null)
            {
                ok = false;
                continue;
            }

            var info = new EmbeddedModel(property.Name, embeddedType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), property.NullableAnnotation == NullableAnnotation.Annotated);
            var flattened = new List<PropertyModel>();
            foreach (PropertyModel member in inner.Value)
            {
                if (member.EmbeddedIn is not null || member.UnionTagFrom is not null)
                {
                    Report(DiagnosticDescriptors.InvalidEmbedding, location, $"{type.Name}.{property.Name}", "embedded types may not themselves embed or hold external-tag unions");
                    ok = false;
                    continue;
                }

                if (!ownNames.Contains(member.JsonName))
                {
                    flattened.Add(member with { EmbeddedIn = info });
                }
            }

            properties.InsertRange(position, flattened);
        }

        return ok ? new EquatableArray<PropertyModel>(properties) : null;
    }

    private IEnumerable<IPropertySymbol> SerializableProperties(INamedTypeSymbol type)
    {
        var chain = new List<INamedTypeSymbol>();
        for (INamedTypeSymbol? current = type; current is not null && current.SpecialType != SpecialType.System_Object && current.SpecialType != SpecialType.System_ValueType; current = current.BaseType)
        {
            chain.Add(current);
        }

        chain.Reverse();
        foreach (INamedTypeSymbol declaring in chain)
        {
            foreach (ISymbol member in declaring.GetMembers())
            {
                if (member is IPropertySymbol { IsStatic: false, IsIndexer: false, IsOverride: false, DeclaredAccessibility: Accessibility.Public, GetMethod: not null } property
                    && KnownSymbols.Find(property, _known.JsonIgnoreAttribute) is null)
                {
                    yield return property;
                }
            }
        }
    }

    private string JsonName(IPropertySymbol property)
    {
        AttributeData? attribute = KnownSymbols.Find(property, _known.JsonPropertyNameAttribute);
        return attribute?.ConstructorArguments.FirstOrDefault().Value as string ?? property.Name;
    }

    private UnionModel? ParseUnion(INamedTypeSymbol unionType, AttributeData attribute, Location referenceLocation)
    {
        Location unionLocation = FirstSourceLocation(unionType) ?? referenceLocation;
        int style = 0;
        string tagName = "Type";
        string dataName = "Data";
        foreach (KeyValuePair<string, TypedConstant> named in attribute.NamedArguments)
        {
            switch (named.Key)
            {
                case "Style":
                    style = named.Value.Value is int s ? s : 0;
                    break;
                case "TagPropertyName":
                    tagName = named.Value.Value as string ?? tagName;
                    break;
                case "DataPropertyName":
                    dataName = named.Value.Value as string ?? dataName;
                    break;
            }
        }

        var unionStyle = (UnionStyleModel)style;
        bool ok = true;
        var cases = new List<UnionCaseModel>();
        var tagOwners = new Dictionary<string, string>(StringComparer.Ordinal);
        string? unknownCase = null;
        foreach ((INamedTypeSymbol caseType, int depth) in FindCases(unionType))
        {
            Location caseLocation = FirstSourceLocation(caseType) ?? unionLocation;
            string caseTypeName = caseType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
            if (KnownSymbols.Find(caseType, _known.UnknownUnionCaseAttribute) is not null)
            {
                if (unknownCase is not null)
                {
                    Report(DiagnosticDescriptors.InvalidUnknownCase, caseLocation, caseType.Name, unionType.Name, "a union has at most one unknown case");
                    ok = false;
                    continue;
                }

                if (!HasUnknownCaseShape(caseType, unionStyle == UnionStyleModel.Envelope, out string problem))
                {
                    Report(DiagnosticDescriptors.InvalidUnknownCase, caseLocation, caseType.Name, unionType.Name, problem);
                    ok = false;
                    continue;
                }

                unknownCase = caseTypeName;
                continue;
            }

            AttributeData caseAttribute = KnownSymbols.Find(caseType, _known.UnionCaseAttribute)!;
            var tags = new List<string>();
            foreach (TypedConstant argument in caseAttribute.ConstructorArguments)
            {
                if (argument.Kind == TypedConstantKind.Array)
                {
                    tags.AddRange(argument.Values.Select(v => v.Value as string).Where(v => v is not null)!);
                }
            }

            var identifying = new List<string>();
            foreach (KeyValuePair<string, TypedConstant> named in caseAttribute.NamedArguments)
            {
                if (named.Key == "IdentifyingProperties" && !named.Value.IsNull)
                {
                    identifying.AddRange(named.Value.Values.Select(v => v.Value as string).Where(v => v is not null)!);
                }
            }

            if (unionStyle == UnionStyleModel.Shape ? identifying.Count == 0 : tags.Count == 0)
            {
                Report(DiagnosticDescriptors.CaseWithoutTag, caseLocation, caseType.Name, unionType.Name, unionStyle == UnionStyleModel.Shape ? "identifying properties" : "tag");
                ok = false;
                continue;
            }

            foreach (string tag in tags)
            {
                if (tagOwners.TryGetValue(tag, out string? owner))
                {
                    Report(DiagnosticDescriptors.DuplicateTag, caseLocation, tag, owner, caseType.Name, unionType.Name);
                    ok = false;
                }
                else
                {
                    tagOwners[tag] = caseType.Name;
                }
            }

            if (caseType.IsAbstract)
            {
                Report(DiagnosticDescriptors.NoUsableConstructor, caseLocation, caseType.ToDisplayString(), "a union case must be a concrete class");
                ok = false;
                continue;
            }

            string? caseId = EnsureCodecType(caseType, caseTypeName, caseTypeName, caseLocation, caseType.Name);
            if (caseId is null)
            {
                ok = false;
                continue;
            }

            cases.Add(new UnionCaseModel(caseTypeName, caseId, new EquatableArray<string>(tags), new EquatableArray<string>(identifying), depth));
        }

        return ok ? new UnionModel(unionStyle, tagName, dataName, new EquatableArray<UnionCaseModel>(cases), unknownCase) : null;
    }

    private bool HasUnknownCaseShape(INamedTypeSymbol caseType, bool envelope, out string problem)
    {
        bool HasProperty(string name) => caseType.GetMembers(name).OfType<IPropertySymbol>().Any(p => p.DeclaredAccessibility == Accessibility.Public && !p.IsStatic);
        bool hasConstructor = caseType.InstanceConstructors.Any(c =>
            c.DeclaredAccessibility == Accessibility.Public
            && c.Parameters.Length == (envelope ? 2 : 1)
            && (!envelope || c.Parameters[0].Type.SpecialType == SpecialType.System_String)
            && KnownSymbols.Is(c.Parameters[c.Parameters.Length - 1].Type, _known.RawJson));
        if (caseType.IsAbstract || !hasConstructor)
        {
            problem = envelope ? "it needs a public constructor (string tag, RawJson? data)" : "it needs a public constructor (RawJson? data)";
            return false;
        }

        if (!HasProperty("Data") || (envelope && !HasProperty("Tag")))
        {
            problem = envelope ? "it needs public 'Tag' and 'Data' properties" : "it needs a public 'Data' property";
            return false;
        }

        problem = string.Empty;
        return true;
    }

    /// <summary>Cases are looked up in the union's own assembly and in the compilation, so a consumer can add cases to a library union.</summary>
    private IEnumerable<(INamedTypeSymbol Type, int Depth)> FindCases(INamedTypeSymbol unionType)
    {
        var found = new List<(INamedTypeSymbol Type, int Depth)>();
        var seen = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
        var assemblies = new List<IAssemblySymbol> { unionType.ContainingAssembly, _compilation.Assembly };
        foreach (IAssemblySymbol assembly in assemblies.Distinct<IAssemblySymbol>(SymbolEqualityComparer.Default))
        {
            foreach (INamedTypeSymbol candidate in AllTypes(assembly.GlobalNamespace))
            {
                _cancellationToken.ThrowIfCancellationRequested();
                if (!seen.Add(candidate))
                {
                    continue;
                }

                bool isCase = KnownSymbols.Find(candidate, _known.UnionCaseAttribute) is not null || KnownSymbols.Find(candidate, _known.UnknownUnionCaseAttribute) is not null;
                if (!isCase)
                {
                    continue;
                }

                int depth = 0;
                for (INamedTypeSymbol? current = candidate.BaseType; current is not null; current = current.BaseType)
                {
                    depth++;
                    if (SymbolEqualityComparer.Default.Equals(current, unionType))
                    {
                        found.Add((candidate, depth));
                        break;
                    }
                }
            }
        }

        return found.OrderBy(c => c.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), StringComparer.Ordinal);
    }

    internal static IEnumerable<INamedTypeSymbol> AllTypes(INamespaceSymbol root)
    {
        var stack = new Stack<INamespaceOrTypeSymbol>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            INamespaceOrTypeSymbol current = stack.Pop();
            foreach (ISymbol member in current.GetMembers())
            {
                if (member is INamespaceSymbol ns)
                {
                    stack.Push(ns);
                }
                else if (member is INamedTypeSymbol type)
                {
                    yield return type;
                    stack.Push(type);
                }
            }
        }
    }

    private static bool IsPartialTopLevel(INamedTypeSymbol type)
    {
        if (type.ContainingType is not null || type.IsGenericType || type.IsStatic || type.TypeKind != TypeKind.Class)
        {
            return false;
        }

        return type.DeclaringSyntaxReferences.Any(r => r.GetSyntax() is ClassDeclarationSyntax c && c.Modifiers.Any(m => m.IsKind(SyntaxKind.PartialKeyword)));
    }

    private static bool IsValidKindName(string name)
    {
        if (name.Length == 0 || name[0] < 'a' || name[0] > 'z' || name[name.Length - 1] == '-')
        {
            return false;
        }

        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c == '-' && name[i - 1] != '-');
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsValidFileName(string fileName)
    {
        if (fileName.Length == 0 || fileName.Length > 255 || fileName[0] == '.')
        {
            return false;
        }

        foreach (char c in fileName)
        {
            if (c <= ' ' || c >= 0x7f || c == '/' || c == '\\')
            {
                return false;
            }
        }

        return true;
    }

    private static string ToPascalCase(string kindName)
    {
        var builder = new System.Text.StringBuilder(kindName.Length);
        bool upper = true;
        foreach (char c in kindName)
        {
            if (c == '-')
            {
                upper = true;
                continue;
            }

            builder.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }

        return builder.ToString();
    }

    private static string ScopeName(int scope) => scope switch
    {
        1 => "Pod",
        2 => "Container",
        3 => "PodAndContainer",
        _ => "None",
    };

    private static Location? FirstSourceLocation(ISymbol symbol) => symbol.Locations.FirstOrDefault(l => l.IsInSource);

    private void Report(DiagnosticDescriptor descriptor, Location location, params object[] args) =>
        _diagnostics.Add(Diagnostic.Create(descriptor, location, args));
}
