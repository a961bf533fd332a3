using Microsoft.CodeAnalysis;

namespace Aot.Storage.Generators.Diagnostics;

/// <summary>
/// Every diagnostic of the resource-set generator. IDs are stable and tracked in AnalyzerReleases.*.md;
/// each help link points at its section of docs/diagnostics.md.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "Aot.Storage";
    private const string HelpLinkBase = "https://github.com/aot-storage/Aot.Storage/blob/main/docs/diagnostics.md#";

    public static readonly DiagnosticDescriptor SetMustBePartial = Create(
        "AOTS001",
        "Resource set must be a top-level, non-generic partial class",
        "Resource set '{0}' must be a top-level, non-generic, non-static partial class so that the generator can extend it");

    public static readonly DiagnosticDescriptor DuplicateKindName = Create(
        "AOTS002",
        "Duplicate resource kind name",
        "Resource kind name '{0}' is declared more than once in '{1}', or gives the same member names as another kind");

    public static readonly DiagnosticDescriptor DuplicateFileName = Create(
        "AOTS003",
        "Duplicate resource file name",
        "File name '{0}' is used by more than one resource kind of '{1}'");

    public static readonly DiagnosticDescriptor PayloadOutsideScope = Create(
        "AOTS004",
        "Payload given for a scope the kind does not allow",
        "Resource kind '{0}' declares a {1} payload but its scope is {2}");

    public static readonly DiagnosticDescriptor MissingPayload = Create(
        "AOTS005",
        "Resource kind without payload for its scope",
        "Resource kind '{0}' has no {1} payload; give one, restrict Scope, or mark the kind IsLock");

    public static readonly DiagnosticDescriptor UnsupportedType = Create(
        "AOTS006",
        "Type cannot be serialized",
        "'{0}' has type '{1}', which the generator cannot serialize: {2}");

    public static readonly DiagnosticDescriptor CaseWithoutTag = Create(
        "AOTS007",
        "Union case without tag",
        "Union case '{0}' of '{1}' declares no {2}");

    public static readonly DiagnosticDescriptor DuplicateTag = Create(
        "AOTS008",
        "Duplicate union tag",
        "Tag '{0}' is used by both '{1}' and '{2}' in union '{3}'");

    public static readonly DiagnosticDescriptor CaseOutsideUnion = Create(
        "AOTS009",
        "Union case does not derive from a union",
        "'{0}' is marked as a union case but does not derive from a class marked [JsonUnion]");

    public static readonly DiagnosticDescriptor NoUsableConstructor = Create(
        "AOTS010",
        "Type has no usable constructor or setter",
        "'{0}' cannot be read: {1}");

    public static readonly DiagnosticDescriptor InvalidKindDeclaration = Create(
        "AOTS011",
        "Invalid resource kind name or file name",
        "Resource kind '{0}': {1}");

    public static readonly DiagnosticDescriptor InvalidTagSource = Create(
        "AOTS012",
        "Invalid union tag source",
        "Property '{0}': {1}");

    public static readonly DiagnosticDescriptor InvalidLockKind = Create(
        "AOTS013",
        "Invalid lock kind",
        "Resource kind '{0}': {1}");

    public static readonly DiagnosticDescriptor InvalidUnknownCase = Create(
        "AOTS014",
        "Invalid unknown union case",
        "Unknown case '{0}' of union '{1}': {2}");

    public static readonly DiagnosticDescriptor MissingTagSource = Create(
        "AOTS015",
        "External-tag union property without tag source",
        "Property '{0}' has the external-tag union type '{1}' but no [UnionTagFrom] naming the sibling tag property");

    public static readonly DiagnosticDescriptor InvalidEmbedding = Create(
        "AOTS016",
        "Invalid embedded property",
        "Property '{0}' is marked [JsonEmbedded] but {1}");

    public static readonly DiagnosticDescriptor DuplicateJsonName = Create(
        "AOTS017",
        "Duplicate JSON property name",
        "JSON name '{0}' is used by more than one member of '{1}'");

    public static readonly DiagnosticDescriptor ContextNameConflict = Create(
        "AOTS018",
        "JSON context name conflict",
        "The JSON context '{0}' of resource set '{1}' would clash with {2}; give one of them another JsonContextName");

    private static DiagnosticDescriptor Create(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLinkBase + id.ToLowerInvariant());
}
