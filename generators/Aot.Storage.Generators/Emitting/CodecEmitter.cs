using System.Collections.Generic;
using System.Linq;
using Aot.Storage.Generators.Model;

namespace Aot.Storage.Generators.Emitting;

/// <summary>
/// Emits the <c>Codecs</c> class of a resource set: for every reachable type a writer, a reader and a
/// <c>JsonCodec&lt;T&gt;</c> singleton. Writers emit property names as precomputed UTF-8 literals in
/// declaration order; readers match names by length and bytes first and by Go's case folding second.
/// </summary>
internal static class CodecEmitter
{
    private const string Writer = "global::Aot.Storage.Json.GoJsonWriter";
    private const string Reader = "global::System.Text.Json.Utf8JsonReader";
    private const string TokenType = "global::System.Text.Json.JsonTokenType";
    private const string Reading = "global::Aot.Storage.Json.JsonReading";
    private const string Writing = "global::Aot.Storage.Json.JsonWriting";
    private const string Codec = "global::Aot.Storage.Json.JsonCodec";

    // Extension methods are called through their class: the generated code cannot rely on the consumer's usings.
    private const string SequenceEqual = "global::System.MemoryExtensions.SequenceEqual";

    public static void Emit(SourceWriter w, ResourceSetModel set)
    {
        var types = set.Types.ToDictionary(t => t.Id);
        w.Line("/// <summary>Go-compatible JSON readers and writers for every type reachable from this set's payloads.</summary>");
        using (w.Block($"{(set.IsPublic ? "public" : "internal")} static partial class Codecs"))
        {
            bool first = true;
            foreach (CodecTypeModel type in set.Types)
            {
                if (!first)
                {
                    w.Line();
                }

                first = false;
                EmitCodecSingleton(w, type);
                w.Line();
                switch (type.Kind)
                {
                    case CodecTypeKind.Object:
                        EmitObjectWriter(w, type);
                        w.Line();
                        EmitObjectReader(w, type, types);
                        break;
                    case CodecTypeKind.List:
                        EmitListWriter(w, type);
                        w.Line();
                        EmitListReader(w, type);
                        break;
                    case CodecTypeKind.Map:
                        EmitMapWriter(w, type);
                        w.Line();
                        EmitMapReader(w, type);
                        break;
                    case CodecTypeKind.Union:
                        EmitUnionWriter(w, type, types);
                        w.Line();
                        EmitUnionReader(w, type, types);
                        break;
                }
            }
        }
    }

    /// <summary>The C# type a codec reads and writes: objects are never null, lists/maps/unions may be.</summary>
    public static string CodecValueType(CodecTypeModel type) =>
        type.Kind == CodecTypeKind.Object ? type.TypeName : type.TypeName + "?";

    /// <summary>The current property name as UTF-8: the reader's own bytes, unescaped into a new array only when the name has escapes.</summary>
    private static string PropertyName(string reader) =>
        $"!{reader}.HasValueSequence && !{reader}.ValueIsEscaped ? {reader}.ValueSpan : {Reading}.GetPropertyName(ref {reader}, default)";

    private static string Access(CodecTypeModel type) => type.IsPublic ? "public" : "internal";

    private static void EmitCodecSingleton(SourceWriter w, CodecTypeModel type)
    {
        string valueType = CodecValueType(type);
        w.Line($"/// <summary>Reads and writes <c>{XmlText(type.TypeName)}</c> as Go's encoding/json does.</summary>");
        // Each singleton lives in its own class, so that the trimmer keeps only the codecs an app uses
        // (one static constructor for all of them would root every type's reader and writer).
        w.Line($"{Access(type)} static {Codec}<{valueType}> {type.Id} => {type.Id}Codec.Instance;");
        w.Line();
        using (w.Block($"private sealed class {type.Id}Codec : {Codec}<{valueType}>"))
        {
            w.Line($"public static readonly {type.Id}Codec Instance = new();");
            w.Line();
            w.Line($"public override void Write(ref {Writer} writer, {valueType} value) => Write{type.Id}(ref writer, value);");
            w.Line();
            w.Line($"public override {valueType} Read(ref {Reader} reader) => Read{type.Id}(ref reader);");
        }
    }

    private static string XmlText(string typeName)
    {
        string name = typeName.StartsWith("global::", System.StringComparison.Ordinal) ? typeName.Substring(8) : typeName;
        return name.Replace("global::", string.Empty).Replace("<", "&lt;").Replace(">", "&gt;");
    }

    // ---------------------------------------------------------------- objects

    private static void EmitObjectWriter(SourceWriter w, CodecTypeModel type)
    {
        string parameterType = type.IsValueType ? type.TypeName : type.TypeName + "?";
        using (w.Block($"{Access(type)} static void Write{type.Id}(ref {Writer} writer, {parameterType} value)"))
        {
            if (!type.IsValueType)
            {
                using (w.Block("if (value is null)"))
                {
                    w.Line("writer.WriteNull();");
                    w.Line("return;");
                }

                w.Line();
            }

            if (type.Properties.Count == 0)
            {
                w.Line("writer.WriteRaw(\"{}\"u8);");
                return;
            }

            // The opening brace goes with the first property name (one write instead of two), unless the
            // object opens with an optional embedded section.
            if (type.Properties[0].EmbeddedIn is not null)
            {
                w.Line("writer.WriteByte((byte)'{');");
            }

            // Whether a member has certainly been written decides the comma; after an optional
            // embedded section that opens the object it is only known at run time.
            string state = "open";
            bool declaredWrote = false;
            IReadOnlyList<PropertyModel> properties = type.Properties.ToList();
            int i = 0;
            while (i < properties.Count)
            {
                PropertyModel property = properties[i];
                if (property.EmbeddedIn is { } embedded)
                {
                    var group = new List<PropertyModel>();
                    while (i < properties.Count && properties[i].EmbeddedIn == embedded)
                    {
                        group.Add(properties[i]);
                        i++;
                    }

                    string local = "embedded" + embedded.PropertyName;
                    if (state == "open")
                    {
                        state = "none";
                    }

                    bool dynamicBefore = state != "some";
                    if (dynamicBefore && !declaredWrote)
                    {
                        w.Line($"bool wrote = {(state == "dynamic" ? "true" : "false")};");
                        declaredWrote = true;
                    }

                    using (w.Block($"if (value.{embedded.PropertyName} is {{ }} {local})"))
                    {
                        string innerState = state;
                        foreach (PropertyModel member in group)
                        {
                            EmitProperty(w, member.JsonName, ref innerState, $"{local}.{member.Name}", member.Value);
                        }

                        if (dynamicBefore)
                        {
                            w.Line("wrote = true;");
                        }
                    }

                    if (dynamicBefore)
                    {
                        state = "dynamic";
                    }

                    continue;
                }

                EmitProperty(w, property.JsonName, ref state, $"value.{property.Name}", property.Value);
                i++;
            }

            w.Line("writer.WriteByte((byte)'}');");
        }
    }

    /// <summary>A property: its name (after a comma or the opening brace, as <paramref name="state"/> says) and
    /// its value, in one writer call where the value kind has an overload that takes the name as a prefix.</summary>
    private static void EmitProperty(SourceWriter w, string jsonName, ref string state, string expression, ValueModel value)
    {
        string prefix = Literals.GoJsonString(jsonName) + ":";
        switch (state)
        {
            case "open":
                prefix = "{" + prefix;
                break;
            case "some":
                prefix = "," + prefix;
                break;
            case "none":
                break;
            default:
                w.Line("if (wrote)");
                w.Line("{");
                w.Line("    writer.WriteByte((byte)',');");
                w.Line("}");
                w.Line();
                break;
        }

        state = "some";
        if (value.IsNullableValueType && PrefixedWriteStatement(prefix, "present", value) is { } present)
        {
            using (w.Block($"if ({expression} is {{ }} present)"))
            {
                w.Line(present);
            }

            using (w.Block("else"))
            {
                w.Line($"writer.WriteRaw({Literals.Utf8(prefix + "null")});");
            }

            return;
        }

        if (!value.IsNullableValueType && value.Kind == ValueKind.Boolean)
        {
            // A literal each way: the name and the value in one constant-length copy.
            using (w.Block($"if ({expression})"))
            {
                w.Line($"writer.WriteRaw({Literals.Utf8(prefix + "true")});");
            }

            using (w.Block("else"))
            {
                w.Line($"writer.WriteRaw({Literals.Utf8(prefix + "false")});");
            }

            return;
        }

        if (!value.IsNullableValueType && PrefixedWriteStatement(prefix, expression, value) is { } statement)
        {
            w.Line(statement);
            return;
        }

        w.Line($"writer.WriteRaw({Literals.Utf8(prefix)});");
        EmitWriteValue(w, "writer", expression, value);
    }

    /// <summary>The writer call that writes <paramref name="prefix"/> and the value together, if there is one.</summary>
    private static string? PrefixedWriteStatement(string prefix, string expression, ValueModel value)
    {
        bool unsigned = value.Kind is ValueKind.Byte or ValueKind.UInt16 or ValueKind.UInt32 or ValueKind.UInt64;
        return value.Kind switch
        {
            ValueKind.String => $"writer.WriteString({Literals.Utf8(prefix)}, {expression});",
            ValueKind.SByte or ValueKind.Int16 or ValueKind.Int32 or ValueKind.Int64 or ValueKind.Byte or ValueKind.UInt16 or ValueKind.UInt32 or ValueKind.UInt64 =>
                $"writer.WriteNumber({Literals.Utf8(prefix)}, ({(unsigned ? "ulong" : "long")}){expression});",
            _ => null,
        };
    }

    private static void EmitObjectReader(SourceWriter w, CodecTypeModel type, Dictionary<string, CodecTypeModel> types)
    {
        IReadOnlyList<PropertyModel> properties = type.Properties.ToList();
        using (w.Block($"{Access(type)} static {type.TypeName} Read{type.Id}(ref {Reader} reader)"))
        {
            // Go: null into a struct leaves its zero value.
            using (w.Block($"if (reader.TokenType == {TokenType}.Null)"))
            {
                w.Line($"return new {type.TypeName}();");
            }

            w.Line();
            w.Line($"{Reading}.Expect(ref reader, {TokenType}.StartObject, {Literals.Utf8(type.DisplayName)});");
            w.Line($"var value = new {type.TypeName}();");
            var deferred = properties.Select((p, index) => (Property: p, Index: index)).Where(p => p.Property.UnionTagFrom is not null).ToList();
            foreach ((PropertyModel property, int _) in deferred)
            {
                w.Line($"bool has{property.Name} = false;");
                w.Line($"{Reader} pending{property.Name} = default;");
            }

            using (w.Block("while (true)"))
            {
                w.Line($"{Reading}.ReadValueStart(ref reader);");
                using (w.Block($"if (reader.TokenType == {TokenType}.EndObject)"))
                {
                    w.Line("break;");
                }

                w.Line();
                if (properties.Count == 0)
                {
                    w.Line($"{Reading}.ReadValueStart(ref reader);");
                    w.Line($"{Reading}.SkipValue(ref reader);");
                }
                else
                {
                    EmitFieldDispatch(w, type, properties);
                }
            }

            foreach ((PropertyModel property, int _) in deferred)
            {
                CodecTypeModel union = types[property.Value.CodecId!];
                w.Line();
                using (w.Block($"if (has{property.Name})"))
                {
                    w.Line($"value.{property.Name} = Read{union.Id}(ref pending{property.Name}, value.{property.UnionTagFrom});");
                }
            }

            w.Line();
            w.Line("return value;");
        }

        if (properties.Count == 0)
        {
            return;
        }

        w.Line();

        // The exact names are the common case: inlined into the reader's loop (its only caller), which saves
        // a call per member; the case-folding fallback stays out of line.
        w.Line("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]");
        using (w.Block($"private static int Match{type.Id}(global::System.ReadOnlySpan<byte> name)"))
        {
            using (w.Block("switch (name.Length)"))
            {
                foreach (IGrouping<int, (PropertyModel Property, int Index)> byLength in properties
                    .Select((p, index) => (Property: p, Index: index))
                    .GroupBy(p => System.Text.Encoding.UTF8.GetByteCount(p.Property.JsonName))
                    .OrderBy(g => g.Key))
                {
                    w.Line($"case {byLength.Key}:");
                    w.Indent();
                    foreach ((PropertyModel property, int index) in byLength)
                    {
                        using (w.Block($"if ({SequenceEqual}(name, {Literals.Utf8(property.JsonName)}))"))
                        {
                            w.Line($"return {index};");
                        }

                        w.Line();
                    }

                    w.Line("break;");
                    w.Unindent();
                }
            }

            w.Line();
            w.Line($"return FoldedMatch{type.Id}(name);");
        }

        w.Line();
        using (w.Block($"private static int FoldedMatch{type.Id}(global::System.ReadOnlySpan<byte> name)"))
        {
            w.Line("// Go's fallback: the first member whose name is equal under case folding.");
            for (int index = 0; index < properties.Count; index++)
            {
                using (w.Block($"if ({Reading}.EqualsIgnoreCase(name, {Literals.Utf8(properties[index].JsonName)}))"))
                {
                    w.Line($"return {index};");
                }

                w.Line();
            }

            w.Line("return -1;");
        }
    }

    private static void EmitFieldDispatch(SourceWriter w, CodecTypeModel type, IReadOnlyList<PropertyModel> properties)
    {
        w.Line($"int field = Match{type.Id}({PropertyName("reader")});");
        w.Line($"{Reading}.ReadValueStart(ref reader);");
        using (w.Block("switch (field)"))
        {
            for (int index = 0; index < properties.Count; index++)
            {
                PropertyModel property = properties[index];
                w.Line($"case {index}:");
                w.Indent();
                if (property.UnionTagFrom is not null)
                {
                    // The tag may come after the value and the last duplicate wins: read the value once the object is done.
                    w.Line($"pending{property.Name} = reader;");
                    w.Line($"has{property.Name} = true;");
                    w.Line($"{Reading}.SkipValue(ref reader);");
                }
                else if (property.EmbeddedIn is { } embedded)
                {
                    w.Line("{");
                    w.Indent();
                    w.Line($"var embedded = value.{embedded.PropertyName} ??= new {embedded.TypeName}();");
                    EmitReadProperty(w, "embedded." + property.Name, property.Value, $"{type.DisplayName}.{property.JsonName}");
                    w.Unindent();
                    w.Line("}");
                }
                else
                {
                    EmitReadProperty(w, "value." + property.Name, property.Value, $"{type.DisplayName}.{property.JsonName}");
                }

                w.Line("break;");
                w.Unindent();
            }

            w.Line("default:");
            w.Line($"    {Reading}.SkipValue(ref reader);");
            w.Line("    break;");
        }
    }

    /// <summary>Reads the current value into a property: JSON null keeps the current value unless the property accepts null.</summary>
    private static void EmitReadProperty(SourceWriter w, string target, ValueModel value, string member)
    {
        string memberLiteral = Literals.Utf8(member);
        if (value.IsNullableValueType)
        {
            w.Line($"{target} = reader.TokenType == {TokenType}.Null ? null : {ReadPrimitive(value, "default", memberLiteral)};");
            return;
        }

        switch (value.Kind)
        {
            case ValueKind.Codec:
                if (value.AllowsNull)
                {
                    w.Line($"{target} = reader.TokenType == {TokenType}.Null ? null : Read{value.CodecId}(ref reader);");
                }
                else
                {
                    using (w.Block($"if (reader.TokenType != {TokenType}.Null)"))
                    {
                        w.Line($"{target} = Read{value.CodecId}(ref reader)!;");
                    }
                }

                return;
            case ValueKind.String when value.AllowsNull:
                w.Line($"{target} = reader.TokenType == {TokenType}.Null ? null : {Reading}.ReadString(ref reader, string.Empty, {memberLiteral});");
                return;
            case ValueKind.Base64 or ValueKind.RawJson when !value.AllowsNull:
                using (w.Block($"if (reader.TokenType != {TokenType}.Null)"))
                {
                    w.Line($"{target} = {ReadPrimitive(value, target, memberLiteral)}!;");
                }

                return;
            case ValueKind.IPAddress when !value.AllowsNull:
                // null and "" read as no address: a non-nullable property keeps its current value.
                w.Line($"{target} = {ReadPrimitive(value, target, memberLiteral)} ?? {target};");
                return;
            default:
                w.Line($"{target} = {ReadPrimitive(value, target, memberLiteral)};");
                return;
        }
    }

    /// <summary>An expression reading a non-codec value, given the value to keep on JSON null.</summary>
    private static string ReadPrimitive(ValueModel value, string current, string memberLiteral)
    {
        string Number(string method, string primitive)
        {
            if (!value.IsEnum)
            {
                return $"{Reading}.{method}(ref reader, {current}, {memberLiteral})";
            }

            string currentValue = current == "default" ? "default" : $"({primitive}){current}";
            return $"({value.TypeName}){Reading}.{method}(ref reader, {currentValue}, {memberLiteral})";
        }

        return value.Kind switch
        {
            ValueKind.String => $"{Reading}.ReadString(ref reader, {(current == "default" ? "string.Empty" : current)}, {memberLiteral})",
            ValueKind.Boolean => $"{Reading}.ReadBoolean(ref reader, {current}, {memberLiteral})",
            ValueKind.SByte => Number("ReadSByte", "sbyte"),
            ValueKind.Int16 => Number("ReadInt16", "short"),
            ValueKind.Int32 => Number("ReadInt32", "int"),
            ValueKind.Int64 => Number("ReadInt64", "long"),
            ValueKind.Byte => Number("ReadByte", "byte"),
            ValueKind.UInt16 => Number("ReadUInt16", "ushort"),
            ValueKind.UInt32 => Number("ReadUInt32", "uint"),
            ValueKind.UInt64 => Number("ReadUInt64", "ulong"),
            ValueKind.Base64 => $"{Reading}.ReadBase64(ref reader, {memberLiteral})",
            ValueKind.IPAddress => $"{Reading}.ReadIPAddress(ref reader, {(current == "default" ? "null" : current)}, {memberLiteral})",
            ValueKind.Timestamp => $"{Reading}.ReadTimestamp(ref reader, {current}, {memberLiteral})",
            ValueKind.RawJson => $"{Reading}.ReadRawJson(ref reader)",

            // Reached for Nullable<T> of a struct with a generated codec.
            ValueKind.Codec => $"Read{value.CodecId}(ref reader)",
            _ => throw new System.InvalidOperationException(value.Kind.ToString()),
        };
    }

    /// <summary>Reads the current value as a fresh element (list item or map value), Go's zero value for null.</summary>
    private static string ReadElementExpression(ValueModel value, string memberLiteral)
    {
        if (value.IsNullableValueType)
        {
            return $"reader.TokenType == {TokenType}.Null ? null : {ReadPrimitive(value, "default", memberLiteral)}";
        }

        switch (value.Kind)
        {
            case ValueKind.Codec:
                return value.AllowsNull
                    ? $"reader.TokenType == {TokenType}.Null ? null : Read{value.CodecId}(ref reader)"
                    : $"Read{value.CodecId}(ref reader)!";
            case ValueKind.String:
                return value.AllowsNull
                    ? $"reader.TokenType == {TokenType}.Null ? null : {Reading}.ReadString(ref reader, string.Empty, {memberLiteral})"
                    : ReadPrimitive(value, "default", memberLiteral);
            case ValueKind.Base64:
            case ValueKind.RawJson:
            case ValueKind.IPAddress:
                return value.AllowsNull ? ReadPrimitive(value, "default", memberLiteral) : ReadPrimitive(value, "default", memberLiteral) + "!";
            default:
                return ReadPrimitive(value, "default", memberLiteral);
        }
    }

    /// <summary>Writes one value through the writer variable <paramref name="writer"/>.</summary>
    private static void EmitWriteValue(SourceWriter w, string writer, string expression, ValueModel value)
    {
        if (value.IsNullableValueType)
        {
            using (w.Block($"if ({expression} is {{ }} present)"))
            {
                w.Line(WriteStatement(writer, "present", value));
            }

            using (w.Block("else"))
            {
                w.Line($"{writer}.WriteNull();");
            }

            return;
        }

        w.Line(WriteStatement(writer, expression, value));
    }

    private static string WriteStatement(string writer, string expression, ValueModel value)
    {
        bool unsigned = value.Kind is ValueKind.Byte or ValueKind.UInt16 or ValueKind.UInt32 or ValueKind.UInt64;
        return value.Kind switch
        {
            ValueKind.String => $"{writer}.WriteString({expression});",
            ValueKind.Boolean => $"{writer}.WriteBoolean({expression});",
            ValueKind.SByte or ValueKind.Int16 or ValueKind.Int32 or ValueKind.Int64 or ValueKind.Byte or ValueKind.UInt16 or ValueKind.UInt32 or ValueKind.UInt64 =>
                $"{writer}.WriteNumber(({(unsigned ? "ulong" : "long")}){expression});",
            ValueKind.Base64 => $"{writer}.WriteBase64({expression});",
            ValueKind.IPAddress => $"{writer}.WriteIPAddress({expression});",
            ValueKind.Timestamp => $"{writer}.WriteTimestamp({expression});",
            ValueKind.RawJson => $"{writer}.WriteRawJson({expression});",
            _ => $"Write{value.CodecId}(ref {writer}, {expression});",
        };
    }

    // ---------------------------------------------------------------- lists and maps

    private static void EmitListWriter(SourceWriter w, CodecTypeModel type)
    {
        using (w.Block($"{Access(type)} static void Write{type.Id}(ref {Writer} writer, {type.TypeName}? value)"))
        {
            using (w.Block("if (value is null)"))
            {
                w.Line("writer.WriteNull();");
                w.Line("return;");
            }

            w.Line();
            w.Line("writer.WriteByte((byte)'[');");
            using (w.Block("for (int i = 0; i < value.Count; i++)"))
            {
                using (w.Block("if (i > 0)"))
                {
                    w.Line("writer.WriteByte((byte)',');");
                }

                w.Line();
                EmitWriteValue(w, "writer", "value[i]", type.Element!);
            }

            w.Line();
            w.Line("writer.WriteByte((byte)']');");
        }
    }

    private static void EmitListReader(SourceWriter w, CodecTypeModel type)
    {
        using (w.Block($"{Access(type)} static {type.TypeName}? Read{type.Id}(ref {Reader} reader)"))
        {
            using (w.Block($"if (reader.TokenType == {TokenType}.Null)"))
            {
                w.Line("return null;");
            }

            w.Line();
            w.Line($"{Reading}.Expect(ref reader, {TokenType}.StartArray, {Literals.Utf8(type.DisplayName)});");
            w.Line($"{Reading}.ReadValueStart(ref reader);");
            using (w.Block($"if (reader.TokenType == {TokenType}.EndArray)"))
            {
                w.Line($"return new {type.TypeName}();");
            }

            w.Line();

            // The capacity a first Add would grow to, without the call that grows it; an empty array keeps
            // the list's shared empty storage.
            w.Line($"var list = new {type.TypeName}(4);");
            using (w.Block("do", $"}} while (reader.TokenType != {TokenType}.EndArray);"))
            {
                w.Line($"list.Add({ReadElementExpression(type.Element!, Literals.Utf8(type.DisplayName + " element"))});");
                w.Line($"{Reading}.ReadValueStart(ref reader);");
            }

            w.Line();
            w.Line("return list;");
        }
    }

    private static void EmitMapWriter(SourceWriter w, CodecTypeModel type)
    {
        ValueModel element = type.Element!;
        string elementType = element.TypeName + (element.AllowsNull ? "?" : string.Empty);
        using (w.Block($"{Access(type)} static void Write{type.Id}(ref {Writer} writer, {type.TypeName}? value)"))
        {
            string valueWriter = $"static (ref {Writer} w, {elementType} v) => {{ {WriteStatementInline("w", "v", element)} }}";
            string method = type.MapKey == MapKeyKind.String ? "WriteStringKeyedMap" : "WriteIntegerKeyedMap";
            w.Line($"{Writing}.{method}(ref writer, value, {valueWriter});");
        }
    }

    private static string WriteStatementInline(string writer, string expression, ValueModel value) =>
        value.IsNullableValueType
            ? $"if ({expression} is {{ }} present) {{ {WriteStatement(writer, "present", value)} }} else {{ {writer}.WriteNull(); }}"
            : WriteStatement(writer, expression, value);

    private static void EmitMapReader(SourceWriter w, CodecTypeModel type)
    {
        string keyType = type.MapKeyTypeName!;
        string member = Literals.Utf8(type.DisplayName + " key");
        using (w.Block($"{Access(type)} static {type.TypeName}? Read{type.Id}(ref {Reader} reader)"))
        {
            using (w.Block($"if (reader.TokenType == {TokenType}.Null)"))
            {
                w.Line("return null;");
            }

            w.Line();
            w.Line($"{Reading}.Expect(ref reader, {TokenType}.StartObject, {Literals.Utf8(type.DisplayName)});");
            w.Line($"var map = new {type.TypeName}();");
            using (w.Block("while (true)"))
            {
                w.Line($"{Reading}.ReadValueStart(ref reader);");
                using (w.Block($"if (reader.TokenType == {TokenType}.EndObject)"))
                {
                    w.Line("break;");
                }

                w.Line();
                switch (type.MapKey)
                {
                    case MapKeyKind.String:
                        w.Line("string key = reader.GetString()!;");
                        break;
                    case MapKeyKind.Unsigned:
                        w.Line($"{keyType} key = ({keyType}){Reading}.ParseUInt64Key(ref reader, {keyType}.MaxValue, {member});");
                        break;
                    default:
                        w.Line($"{keyType} key = ({keyType}){Reading}.ParseInt64Key(ref reader, {keyType}.MinValue, {keyType}.MaxValue, {member});");
                        break;
                }

                w.Line($"{Reading}.ReadValueStart(ref reader);");
                w.Line($"map[key] = {ReadElementExpression(type.Element!, Literals.Utf8(type.DisplayName + " value"))};");
            }

            w.Line();
            w.Line("return map;");
        }
    }

    // ---------------------------------------------------------------- unions

    private static IEnumerable<UnionCaseModel> CasesDeepestFirst(UnionModel union) =>
        union.Cases.OrderByDescending(c => c.Depth).ThenBy(c => c.TypeName, System.StringComparer.Ordinal);

    private static void EmitUnionWriter(SourceWriter w, CodecTypeModel type, Dictionary<string, CodecTypeModel> types)
    {
        UnionModel union = type.Union!;
        using (w.Block($"{Access(type)} static void Write{type.Id}(ref {Writer} writer, {type.TypeName}? value)"))
        {
            using (w.Block("switch (value)"))
            {
                w.Line("case null:");
                w.Line("    writer.WriteNull();");
                w.Line("    return;");
                int index = 0;
                foreach (UnionCaseModel unionCase in CasesDeepestFirst(union))
                {
                    string local = "case" + index++;
                    w.Line($"case {unionCase.TypeName} {local}:");
                    w.Indent();
                    if (union.Style == UnionStyleModel.Envelope)
                    {
                        string prefix = "{" + Literals.GoJsonString(union.TagPropertyName) + ":" + Literals.GoJsonString(unionCase.Tags[0]) + "," + Literals.GoJsonString(union.DataPropertyName) + ":";
                        w.Line($"writer.WriteRaw({Literals.Utf8(prefix)});");
                        w.Line($"Write{unionCase.CodecId}(ref writer, {local});");
                        w.Line("writer.WriteByte((byte)'}');");
                    }
                    else
                    {
                        w.Line($"Write{unionCase.CodecId}(ref writer, {local});");
                    }

                    w.Line("return;");
                    w.Unindent();
                }

                if (union.UnknownCaseTypeName is { } unknown)
                {
                    w.Line($"case {unknown} unknown:");
                    w.Indent();
                    if (union.Style == UnionStyleModel.Envelope)
                    {
                        w.Line($"writer.WriteRaw({Literals.Utf8("{" + Literals.GoJsonString(union.TagPropertyName) + ":")});");
                        w.Line("writer.WriteString(unknown.Tag);");
                        w.Line($"writer.WriteRaw({Literals.Utf8("," + Literals.GoJsonString(union.DataPropertyName) + ":")});");
                        w.Line("writer.WriteRawJson(unknown.Data);");
                        w.Line("writer.WriteByte((byte)'}');");
                    }
                    else
                    {
                        w.Line("writer.WriteRawJson(unknown.Data);");
                    }

                    w.Line("return;");
                    w.Unindent();
                }

                w.Line("default:");
                w.Line($"    throw new global::System.NotSupportedException({Literals.String($"The value is not one of the declared cases of {type.DisplayName}; declare its class with [UnionCase].")});");
            }
        }
    }

    private static void EmitUnionReader(SourceWriter w, CodecTypeModel type, Dictionary<string, CodecTypeModel> types)
    {
        UnionModel union = type.Union!;
        switch (union.Style)
        {
            case UnionStyleModel.Envelope:
                EmitEnvelopeReader(w, type, union);
                break;
            case UnionStyleModel.ExternalTag:
                EmitExternalTagReader(w, type, union);
                break;
            default:
                EmitShapeReader(w, type, union);
                break;
        }
    }

    private static string UnknownFromReader(UnionModel union, string? tagExpression, string readerName)
    {
        string data = $"{Reading}.ReadRawJson(ref {readerName})!";
        if (union.UnknownCaseTypeName is null)
        {
            return $"throw {Reading}.Mismatch(ref {readerName}, \"a known case\", {Literals.Utf8("union")})";
        }

        return tagExpression is null ? $"return new {union.UnknownCaseTypeName}({data})" : $"return new {union.UnknownCaseTypeName}({tagExpression}, {data})";
    }

    private static void EmitEnvelopeReader(SourceWriter w, CodecTypeModel type, UnionModel union)
    {
        string display = Literals.Utf8(type.DisplayName);
        string tagMember = Literals.Utf8(type.DisplayName + "." + union.TagPropertyName);

        // Reads the payload of a known tag; a null or missing payload is the case's zero value, as in Go.
        using (w.Block($"private static {type.TypeName} Read{type.Id}Payload(ref {Reader} reader, string tag, bool hasData)"))
        {
            using (w.Block("switch (tag)"))
            {
                foreach (UnionCaseModel unionCase in union.Cases)
                {
                    w.Line($"case {Literals.String(unionCase.Tags[0])}:");
                    foreach (string alias in unionCase.Tags.Skip(1))
                    {
                        w.Line($"case {Literals.String(alias)}:");
                    }

                    w.Line($"    return hasData ? Read{unionCase.CodecId}(ref reader) : new {unionCase.TypeName}();");
                }

                w.Line("default:");
                if (union.UnknownCaseTypeName is { } unknown)
                {
                    w.Line($"    return new {unknown}(tag, hasData ? {Reading}.ReadRawJson(ref reader) : null);");
                }
                else
                {
                    w.Line($"    throw {Reading}.Mismatch(ref reader, \"a known tag\", {tagMember});");
                }
            }
        }

        w.Line();
        using (w.Block($"{Access(type)} static {type.TypeName}? Read{type.Id}(ref {Reader} reader)"))
        {
            using (w.Block($"if (reader.TokenType == {TokenType}.Null)"))
            {
                w.Line("return null;");
            }

            w.Line();
            w.Line($"{Reading}.Expect(ref reader, {TokenType}.StartObject, {display});");
            w.Line("string? tag = null;");
            w.Line($"{type.TypeName}? result = null;");
            w.Line("bool hasData = false;");
            w.Line($"{Reader} data = default;");
            using (w.Block("while (true)"))
            {
                w.Line($"{Reading}.ReadValueStart(ref reader);");
                using (w.Block($"if (reader.TokenType == {TokenType}.EndObject)"))
                {
                    w.Line("break;");
                }

                w.Line();
                w.Line($"global::System.ReadOnlySpan<byte> name = {PropertyName("reader")};");
                w.Line($"bool isTag = {SequenceEqual}(name, {Literals.Utf8(union.TagPropertyName)});");
                w.Line($"bool isData = !isTag && {SequenceEqual}(name, {Literals.Utf8(union.DataPropertyName)});");
                using (w.Block("if (!isTag && !isData)"))
                {
                    w.Line($"isTag = {Reading}.EqualsIgnoreCase(name, {Literals.Utf8(union.TagPropertyName)});");
                    w.Line($"isData = !isTag && {Reading}.EqualsIgnoreCase(name, {Literals.Utf8(union.DataPropertyName)});");
                }

                w.Line();
                w.Line($"{Reading}.ReadValueStart(ref reader);");
                using (w.Block("if (isTag)"))
                {
                    w.Line($"tag = reader.TokenType == {TokenType}.Null ? tag : {Reading}.ReadString(ref reader, string.Empty, {tagMember});");
                }

                using (w.Block("else if (isData && tag is not null)"))
                {
                    w.Line("// The usual order, tag first: read the payload in place.");
                    w.Line($"result = Read{type.Id}Payload(ref reader, tag, reader.TokenType != {TokenType}.Null);");
                    w.Line("hasData = false;");
                }

                using (w.Block("else if (isData)"))
                {
                    w.Line("// The payload came before the tag: remember where it is and read it once the tag is known.");
                    w.Line("data = reader;");
                    w.Line($"hasData = reader.TokenType != {TokenType}.Null;");
                    w.Line("result = null;");
                    w.Line($"{Reading}.SkipValue(ref reader);");
                }

                using (w.Block("else"))
                {
                    w.Line($"{Reading}.SkipValue(ref reader);");
                }
            }

            w.Line();
            using (w.Block("if (result is not null && !hasData)"))
            {
                w.Line("return result;");
            }

            w.Line();
            w.Line($"return Read{type.Id}Payload(ref data, tag ?? string.Empty, hasData);");
        }
    }

    private static void EmitExternalTagReader(SourceWriter w, CodecTypeModel type, UnionModel union)
    {
        w.Line($"{Access(type)} static {type.TypeName}? Read{type.Id}(ref {Reader} reader) => Read{type.Id}(ref reader, string.Empty);");

        w.Line();
        w.Line("/// <summary>Reads the value whose case is chosen by <paramref name=\"tag\"/>; a value that does not fit the tag's case is kept raw, as Go kept any JSON in interface{}.</summary>");
        using (w.Block($"{Access(type)} static {type.TypeName}? Read{type.Id}(ref {Reader} reader, string tag)"))
        {
            using (w.Block($"if (reader.TokenType == {TokenType}.Null)"))
            {
                w.Line("return null;");
            }

            w.Line();
            w.Line($"{Reader} start = reader;");
            using (w.Block("switch (tag)"))
            {
                foreach (UnionCaseModel unionCase in union.Cases)
                {
                    foreach (string tag in unionCase.Tags)
                    {
                        w.Line($"case {Literals.String(tag)}:");
                    }

                    w.Indent();
                    using (w.Block("try"))
                    {
                        w.Line($"return Read{unionCase.CodecId}(ref reader);");
                    }

                    using (w.Block("catch (global::Aot.Storage.Json.MalformedJsonException)"))
                    {
                        w.Line("reader = start;");
                        w.Line("break;");
                    }

                    w.Unindent();
                }
            }

            w.Line();
            w.Line(UnknownFromReader(union, null, "reader") + ";");
        }
    }

    private static void EmitShapeReader(SourceWriter w, CodecTypeModel type, UnionModel union)
    {
        var cases = union.Cases.ToList();
        using (w.Block($"{Access(type)} static {type.TypeName}? Read{type.Id}(ref {Reader} reader)"))
        {
            using (w.Block($"if (reader.TokenType == {TokenType}.Null)"))
            {
                w.Line("return null;");
            }

            w.Line();
            w.Line("int matched = 0;");
            using (w.Block($"if (reader.TokenType == {TokenType}.StartObject)"))
            {
                w.Line($"{Reader} probe = reader;");
                using (w.Block("while (true)"))
                {
                    w.Line($"{Reading}.ReadValueStart(ref probe);");
                    using (w.Block($"if (probe.TokenType == {TokenType}.EndObject)"))
                    {
                        w.Line("break;");
                    }

                    w.Line();
                    w.Line($"global::System.ReadOnlySpan<byte> name = {PropertyName("probe")};");
                    for (int i = 0; i < cases.Count; i++)
                    {
                        string condition = string.Join(" || ", cases[i].IdentifyingProperties.Select(p => $"{Reading}.EqualsIgnoreCase(name, {Literals.Utf8(p)})"));
                        using (w.Block($"if ({condition})"))
                        {
                            w.Line($"matched |= {1 << i};");
                        }

                        w.Line();
                    }

                    w.Line($"{Reading}.ReadValueStart(ref probe);");
                    w.Line($"{Reading}.SkipValue(ref probe);");
                }
            }

            w.Line();
            for (int i = 0; i < cases.Count; i++)
            {
                using (w.Block($"if ((matched & {1 << i}) != 0)"))
                {
                    w.Line($"return Read{cases[i].CodecId}(ref reader);");
                }

                w.Line();
            }

            w.Line(UnknownFromReader(union, null, "reader") + ";");
        }
    }
}
