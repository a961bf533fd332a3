using Aot.Storage.Generators.Model;

namespace Aot.Storage.Generators.Emitting;

/// <summary>
/// Emits a <c>JsonSerializerContext</c> with a <c>JsonTypeInfo&lt;T&gt;</c> for every reachable type. Each is
/// a value info over the generated codec (System.Text.Json's generator cannot see this generator's
/// output, so <c>[JsonSerializable]</c> would not work), so System.Text.Json writes the same Go-exact bytes.
/// </summary>
internal static class JsonContextEmitter
{
    private const string Options = "global::System.Text.Json.JsonSerializerOptions";
    private const string TypeInfo = "global::System.Text.Json.Serialization.Metadata.JsonTypeInfo";

    public static void Emit(SourceWriter w, ResourceSetModel set, string generatorVersion)
    {
        string codecs = StoreEmitter.QualifiedSetName(set) + ".Codecs";
        string access = set.IsPublic ? "public" : "internal";
        w.Line($"/// <summary>System.Text.Json metadata for the types of <see cref=\"{StoreEmitter.QualifiedSetName(set).Substring(8)}\"/>, backed by its generated codecs.</summary>");
        w.Line($"[global::System.CodeDom.Compiler.GeneratedCode(\"Aot.Storage.Generators\", \"{generatorVersion}\")]");
        using (w.Block($"{access} sealed partial class {set.ContextName} : global::System.Text.Json.Serialization.JsonSerializerContext, global::System.Text.Json.Serialization.Metadata.IJsonTypeInfoResolver"))
        {
            w.Line($"private static readonly {Options} s_defaultOptions = new();");
            w.Line();
            w.Line($"public {set.ContextName}()");
            w.Line("    : base(null)");
            w.Line("{");
            w.Line("}");
            w.Line();
            w.Line($"public {set.ContextName}({Options} options)");
            w.Line("    : base(options)");
            w.Line("{");
            w.Line("}");
            w.Line();
            w.Line($"public static {set.ContextName} Default {{ get; }} = new({"new " + Options + "(s_defaultOptions)"});");
            w.Line();
            w.Line($"protected override {Options}? GeneratedSerializerOptions {{ get; }} = s_defaultOptions;");
            foreach (CodecTypeModel type in set.Types)
            {
                string valueType = CodecEmitter.CodecValueType(type);
                string memberAccess = type.IsPublic ? "public" : "internal";
                w.Line();
                w.Line($"private {TypeInfo}<{valueType}>? _{type.Id};");
                w.Line();
                w.Line($"{memberAccess} {TypeInfo}<{valueType}> {type.Id} => _{type.Id} ??= ({TypeInfo}<{valueType}>)Options.GetTypeInfo(typeof({type.RuntimeTypeName}));");
            }

            w.Line();
            using (w.Block($"public override {TypeInfo}? GetTypeInfo(global::System.Type type)"))
            {
                w.Line($"Options.TryGetTypeInfo(type, out {TypeInfo}? typeInfo);");
                w.Line("return typeInfo;");
            }

            w.Line();
            using (w.Block($"{TypeInfo}? global::System.Text.Json.Serialization.Metadata.IJsonTypeInfoResolver.GetTypeInfo(global::System.Type type, {Options} options)"))
            {
                foreach (CodecTypeModel type in set.Types)
                {
                    using (w.Block($"if (type == typeof({type.RuntimeTypeName}))"))
                    {
                        w.Line($"return Create(options, {codecs}.{type.Id});");
                    }

                    w.Line();
                }

                w.Line("return null;");
            }

            w.Line();
            using (w.Block($"private {TypeInfo}<T> Create<T>({Options} options, global::Aot.Storage.Json.JsonCodec<T> codec)"))
            {
                w.Line($"{TypeInfo}<T> typeInfo = global::System.Text.Json.Serialization.Metadata.JsonMetadataServices.CreateValueInfo<T>(options, new global::Aot.Storage.Json.CodecJsonConverter<T>(codec));");
                w.Line("typeInfo.OriginatingResolver = this;");
                w.Line("return typeInfo;");
            }
        }
    }
}
