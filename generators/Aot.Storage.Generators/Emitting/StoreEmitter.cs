using System.Linq;
using Aot.Storage.Generators.Model;

namespace Aot.Storage.Generators.Emitting;

/// <summary>
/// Emits the store half of a resource set: the routing table (kinds, lookups by name and file name,
/// reserved names) as plain switches, and one typed method family per (kind, scope), so that storing
/// a payload of the wrong type for a kind does not compile.
/// </summary>
internal static class StoreEmitter
{
    private const string Kind = "global::Aot.Storage.ResourceKind";
    private const string Address = "global::Aot.Storage.ResourceAddress";
    private const string CustomEngineSupported = "global::Aot.Storage.ResourceStore.IsCustomEngineSupported";
    private const string CustomEngineNotSupported = "global::Aot.Storage.ResourceStore.CustomEngineNotSupported()";

    public static void Emit(SourceWriter w, ResourceSetModel set)
    {
        string self = QualifiedSetName(set);
        w.Line("/// <summary>The typed store of this resource set over any <see cref=\"global::Aot.Storage.IResourceEngine\"/>.</summary>");
        using (w.Block($"partial class {set.ClassName} : global::Aot.Storage.ResourceStore"))
        {
            w.Line("/// <summary>A store over <paramref name=\"engine\"/>, which must route with <see cref=\"RoutingTable\"/>.</summary>");
            w.Line($"public {set.ClassName}(global::Aot.Storage.IResourceEngine engine)");
            w.Line("    : base(engine)");
            w.Line("{");
            w.Line("}");
            w.Line();
            if (set.HasFileSystemEngine)
            {
                w.Line("/// <summary>A store over the config and run roots of <paramref name=\"options\"/> (by default the environment variables, then the Go paths), with an engine of its own that <see cref=\"global::Aot.Storage.ResourceStore.Dispose\"/> closes.</summary>");
                w.Line($"public {set.ClassName}(global::Aot.Storage.FileSystem.FileSystemStoreOptions? options = null)");
                w.Line("    : base(new global::Aot.Storage.FileSystem.FileSystemResourceEngine(RoutingTable, options), ownsEngine: true)");
                w.Line("{");
                w.Line("}");
                w.Line();
            }

            w.Line("/// <summary>This set's routing table: every kind, lookups by name and file name, reserved names.</summary>");
            w.Line($"public static global::Aot.Storage.IResourceRouting RoutingTable {{ get; }} = new RoutingTableImplementation();");
            w.Line();
            EmitKinds(w, set);
            w.Line();
            EmitRouting(w, set, self);
            foreach (ResourceKindModel kind in set.Kinds)
            {
                if (kind.IsLock)
                {
                    w.Line();
                    w.Line($"/// <summary>Path of the pod's lock file (<c>{kind.FileName}</c>), the target of <see cref=\"global::Aot.Storage.ResourceStore.LockPod\"/>.</summary>");
                    w.Line($"public string GetPod{kind.MemberStem}Path(string podId) => Engine.GetPath({Address}.ForPod(Kinds.{kind.MemberStem}, podId));");
                    continue;
                }

                if (kind.PodPayload is { } podPayload)
                {
                    w.Line();
                    EmitTypedMethods(w, set, kind, podPayload, container: false);
                }

                if (kind.ContainerPayload is { } containerPayload)
                {
                    w.Line();
                    EmitTypedMethods(w, set, kind, containerPayload, container: true);
                }
            }
        }
    }

    /// <summary>
    /// A generic engine call: on the sealed file-system engine when the store has one, because NativeAOT
    /// resolves generic methods called through an interface with its run-time type loader. The interface
    /// call is guarded by the feature switch itself (not by a helper), so that a trimmed app that turns
    /// custom engines off loses the call, and the type loader with it.
    /// </summary>
    private static string Dispatch(ResourceSetModel set, string call) =>
        set.HasFileSystemEngine
            ? $"FileSystemEngine is {{ }} fileSystem ? fileSystem.{call} : {CustomEngineSupported} ? Engine.{call} : throw {CustomEngineNotSupported}"
            : "Engine." + call;

    public static string QualifiedSetName(ResourceSetModel set) =>
        "global::" + (set.Namespace.Length == 0 ? string.Empty : set.Namespace + ".") + set.ClassName;

    private static void EmitKinds(SourceWriter w, ResourceSetModel set)
    {
        w.Line("/// <summary>The resource kinds of this set, as declared.</summary>");
        using (w.Block($"{(set.IsPublic ? "public" : "internal")} static class Kinds"))
        {
            bool first = true;
            foreach (ResourceKindModel kind in set.Kinds)
            {
                if (!first)
                {
                    w.Line();
                }

                first = false;
                w.Line($"/// <summary><c>{kind.FileName}</c> under the {(kind.Root == 0 ? "config" : "run")} root.</summary>");
                w.Line($"public static readonly {Kind} {kind.MemberStem} = new({Literals.String(kind.Name)}, {Literals.String(kind.FileName)}, (global::Aot.Storage.StorageRoot){kind.Root}, (global::Aot.Storage.ResourceScope){kind.Scope}, hasPodPayload: {Bool(kind.PodPayload is not null)}, hasContainerPayload: {Bool(kind.ContainerPayload is not null)}, isLock: {Bool(kind.IsLock)});");
            }
        }
    }

    private static string Bool(bool value) => value ? "true" : "false";

    private static void EmitRouting(SourceWriter w, ResourceSetModel set, string self)
    {
        string kinds = self + ".Kinds";
        using (w.Block("private sealed class RoutingTableImplementation : global::Aot.Storage.IResourceRouting"))
        {
            w.Line($"private static readonly {Kind}[] s_kinds = [{string.Join(", ", set.Kinds.Select(k => kinds + "." + k.MemberStem))}];");
            w.Line();
            w.Line($"public global::System.Collections.Generic.IReadOnlyList<{Kind}> Kinds => s_kinds;");
            w.Line();
            ResourceKindModel? lockKind = set.Kinds.FirstOrDefault(k => k.IsLock);
            w.Line($"public {Kind}? LockKind => {(lockKind is null ? "null" : kinds + "." + lockKind.MemberStem)};");
            w.Line();
            EmitLookup(w, "FindByName", "name", set.Kinds.Select(k => (k.Name, kinds + "." + k.MemberStem)));
            w.Line();
            EmitLookup(w, "FindByFileName", "fileName", set.Kinds.Select(k => (k.FileName, kinds + "." + k.MemberStem)));
            w.Line();
            w.Line("// Every file name of the set: a container directory sits next to the pod's own files and must never take one of their names.");
            string names = string.Join(" or ", set.Kinds.Select(k => Literals.String(k.FileName)));
            w.Line($"public bool IsReservedName(global::System.ReadOnlySpan<char> name) => name is {names};");
        }
    }

    private static void EmitLookup(SourceWriter w, string method, string parameter, System.Collections.Generic.IEnumerable<(string Key, string Value)> entries)
    {
        using (w.Block($"public {Kind}? {method}(global::System.ReadOnlySpan<char> {parameter}) => {parameter} switch", close: "};"))
        {
            foreach ((string key, string value) in entries)
            {
                w.Line($"{Literals.String(key)} => {value},");
            }

            w.Line("_ => null,");
        }
    }

    private static void EmitTypedMethods(SourceWriter w, ResourceSetModel set, ResourceKindModel kind, ValueModel payload, bool container)
    {
        CodecTypeModel codecType = set.Types.First(t => t.Id == payload.CodecId);
        string access = set.IsPublic && codecType.IsPublic ? "public" : "internal";
        string valueType = CodecEmitter.CodecValueType(codecType);
        string scope = container ? "Container" : "Pod";
        string stem = scope + kind.MemberStem;
        string parameters = container ? "string podId, string containerId" : "string podId";
        string address = container
            ? $"{Address}.ForContainer(Kinds.{kind.MemberStem}, podId, containerId)"
            : $"{Address}.ForPod(Kinds.{kind.MemberStem}, podId)";
        string codec = $"Codecs.{codecType.Id}";
        string where = container ? "the container's" : "the pod's";

        w.Line($"/// <summary>Stores {where} <c>{kind.FileName}</c> atomically.</summary>");
        if (set.HasFileSystemEngine)
        {
            w.Line($"{access} void Store{stem}({parameters}, {valueType} value)");
            w.Line("{");
            w.Line($"    if (FileSystemEngine is {{ }} fileSystem)");
            w.Line("    {");
            w.Line($"        fileSystem.Store<{valueType}>({address}, value, {codec});");
            w.Line("    }");
            w.Line($"    else if ({CustomEngineSupported})");
            w.Line("    {");
            w.Line($"        Engine.Store<{valueType}>({address}, value, {codec});");
            w.Line("    }");
            w.Line("    else");
            w.Line("    {");
            w.Line($"        throw {CustomEngineNotSupported};");
            w.Line("    }");
            w.Line("}");
        }
        else
        {
            w.Line($"{access} void Store{stem}({parameters}, {valueType} value) => Engine.Store<{valueType}>({address}, value, {codec});");
        }

        w.Line();
        w.Line($"/// <summary>Reads {where} <c>{kind.FileName}</c>; throws <see cref=\"global::Aot.Storage.ResourceNotFoundException\"/> when it is absent.</summary>");
        w.Line($"{access} {valueType} Fetch{stem}({parameters}) => {Dispatch(set, $"Fetch<{valueType}>({address}, {codec})")};");
        w.Line();
        w.Line($"/// <summary>Reads {where} <c>{kind.FileName}</c> if it exists.</summary>");
        w.Line($"{access} bool TryFetch{stem}({parameters}, out {codecType.TypeName}? value) => {Dispatch(set, $"TryFetch<{valueType}>({address}, {codec}, out value)")};");
        w.Line();
        w.Line($"/// <summary>Read-modify-write of {where} <c>{kind.FileName}</c> under the exclusive pod lock.</summary>");
        w.Line($"{access} {valueType} Update{stem}({parameters}, global::System.Func<{codecType.TypeName}?, {valueType}> update, global::System.TimeSpan? lockTimeout = null, global::System.Threading.CancellationToken cancellationToken = default) =>");
        w.Line($"    {Dispatch(set, $"Update<{valueType}>({address}, {codec}, update, lockTimeout ?? DefaultLockTimeout, cancellationToken)")};");
        w.Line();
        w.Line($"/// <summary>Deletes exactly {where} <c>{kind.FileName}</c>; false if it did not exist.</summary>");
        w.Line($"{access} bool Delete{stem}({parameters}) => Engine.Delete({address});");
        w.Line();
        w.Line($"{access} bool {stem}Exists({parameters}) => Engine.Exists({address});");
        w.Line();
        w.Line($"{access} string Get{stem}Path({parameters}) => Engine.GetPath({address});");
    }
}
