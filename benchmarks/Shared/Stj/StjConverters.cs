using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Aot.Storage.Json;
using Aot.Storage.VirtContainers;

namespace Aot.Storage.Benchmarks.Stj;

/// <summary>
/// What System.Text.Json needs, beyond its source generator, to read and write the virtcontainers model:
/// the converters below are the cost an STJ user pays (code to write and keep, and the run time they add).
/// The output is the same JSON value as Go's, not the same bytes (STJ escapes differently and keeps map
/// keys in insertion order).
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>Device</c>, <c>Endpoint</c>: the Go envelope <c>{"Type":tag,"Data":payload}</c>; the payload goes
/// through <c>options.GetTypeInfo(concreteType)</c>, so it uses the same (generated or reflection) metadata.</item>
/// <item><c>AgentConfig</c>, <c>ShimConfig</c>, <c>RouteDestination</c>, <c>RouteEncap</c>: Go interfaces written
/// as the bare struct. STJ gives a converter no access to the parent, so the case is chosen by the keys
/// (a look-ahead on a copy of the reader); the two shim structs have the same keys, so a cc shim is re-typed
/// by <see cref="StjFixups.AfterRead(PodConfig)"/> from <c>ShimType</c>.</item>
/// <item><c>IPAddress</c> as text (<c>""</c> for null), <c>Timestamp</c> as RFC 3339, <c>RawJson</c> verbatim.</item>
/// <item><c>NetlinkIface</c>, <c>NetlinkAddress</c>: Go embedded structs, flattened by a metadata-driven
/// converter (STJ has no flattening attribute).</item>
/// </list>
/// </remarks>
public static class StjConverters
{
    /// <summary>Every converter, for options built by hand (reflection mode).</summary>
    public static IEnumerable<JsonConverter> CreateAll(JsonSerializerOptions shapeOptions) =>
    [
        new DeviceEnvelopeConverter(),
        new EndpointEnvelopeConverter(),
        new AgentConfigConverter(),
        new ShimConfigConverter(),
        new RouteDestinationConverter(),
        new RouteEncapConverter(),
        new IPAddressConverter(),
        new TimestampConverter(),
        new RawJsonConverter(),
        new NetlinkIfaceConverter(shapeOptions),
        new NetlinkAddressConverter(shapeOptions),
    ];

    /// <summary>The converters that do not flatten, for the shape-only options of reflection mode.</summary>
    public static IEnumerable<JsonConverter> CreateLeafConverters() =>
    [
        new IPAddressConverter(),
        new RawJsonConverter(),
        new RouteDestinationConverter(),
        new RouteEncapConverter(),
    ];

    internal static JsonTypeInfo<T> Info<T>(JsonSerializerOptions options) => (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));

    internal static void WritePayload<T>(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value, Info<T>(options));

    internal static T ReadPayload<T>(ref Utf8JsonReader reader, JsonSerializerOptions options) =>
        JsonSerializer.Deserialize(ref reader, Info<T>(options)) ?? throw new JsonException($"{typeof(T).Name} cannot be null here.");

    /// <summary>The value at the reader as raw JSON (null for <c>null</c>).</summary>
    internal static RawJson? ReadRaw(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        using JsonDocument document = JsonDocument.ParseValue(ref reader);
        return new RawJson(JsonMarshal.GetRawUtf8Value(document.RootElement).ToArray());
    }

    internal static void WriteRaw(Utf8JsonWriter writer, RawJson? value)
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteRawValue(value.Utf8.Span, skipInputValidation: true);
        }
    }

    internal static void ExpectStartObject(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"Expected an object, found {reader.TokenType}.");
        }
    }

    /// <summary>Looks ahead (on a copy of the reader) for the first top-level key of the object that is one of <paramref name="names"/>; -1 if none.</summary>
    internal static int FindKey(Utf8JsonReader copy, ReadOnlySpan<string> names)
    {
        ExpectStartObject(ref copy);
        while (copy.Read() && copy.TokenType == JsonTokenType.PropertyName)
        {
            for (int i = 0; i < names.Length; i++)
            {
                if (copy.ValueTextEquals(names[i]))
                {
                    return i;
                }
            }

            copy.Read();
            copy.Skip();
        }

        return -1;
    }
}

/// <summary>
/// <c>{"Type":tag,"Data":payload}</c>, the envelope an STJ user must write by hand for a tagged union;
/// Type must come first, as Go writes it. Subclasses name the cases.
/// </summary>
public abstract class EnvelopeConverter<TBase> : JsonConverter<TBase>
    where TBase : class
{
    public override TBase? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        StjConverters.ExpectStartObject(ref reader);
        string? tag = null;
        TBase? value = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("Type"u8))
            {
                reader.Read();
                tag = reader.GetString();
            }
            else if (reader.ValueTextEquals("Data"u8))
            {
                reader.Read();
                value = ReadCase(tag ?? throw new JsonException($"{typeof(TBase).Name}: \"Data\" before \"Type\"."), ref reader, options);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return value ?? CreateUnknown(tag ?? throw new JsonException($"{typeof(TBase).Name} without \"Type\"."), null);
    }

    public override void Write(Utf8JsonWriter writer, TBase value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        WriteCase(writer, value, options);
        writer.WriteEndObject();
    }

    /// <summary>Reads the payload of <paramref name="tag"/>; an unknown tag gives <see cref="CreateUnknown"/> of the raw payload.</summary>
    protected abstract TBase ReadCase(string tag, ref Utf8JsonReader reader, JsonSerializerOptions options);

    protected abstract TBase CreateUnknown(string tag, RawJson? data);

    /// <summary>Writes the Type and Data members of <paramref name="value"/>.</summary>
    protected abstract void WriteCase(Utf8JsonWriter writer, TBase value, JsonSerializerOptions options);

    protected static void WriteEnvelope<T>(Utf8JsonWriter writer, string tag, T value, JsonSerializerOptions options)
    {
        writer.WriteString("Type"u8, tag);
        writer.WritePropertyName("Data"u8);
        StjConverters.WritePayload(writer, value, options);
    }

    protected static void WriteUnknown(Utf8JsonWriter writer, string tag, RawJson? data)
    {
        writer.WriteString("Type"u8, tag);
        writer.WritePropertyName("Data"u8);
        StjConverters.WriteRaw(writer, data);
    }
}

/// <summary>The envelope for <see cref="Device"/>.</summary>
public sealed class DeviceEnvelopeConverter : EnvelopeConverter<Device>
{
    protected override Device ReadCase(string tag, ref Utf8JsonReader reader, JsonSerializerOptions options) => tag switch
    {
        DeviceTypes.Vfio => StjConverters.ReadPayload<VfioDevice>(ref reader, options),
        DeviceTypes.Block => StjConverters.ReadPayload<BlockDevice>(ref reader, options),
        DeviceTypes.Generic => StjConverters.ReadPayload<GenericDevice>(ref reader, options),
        DeviceTypes.VhostUserNet => StjConverters.ReadPayload<VhostUserNetDevice>(ref reader, options),
        DeviceTypes.VhostUserScsi => StjConverters.ReadPayload<VhostUserScsiDevice>(ref reader, options),
        DeviceTypes.VhostUserBlk => StjConverters.ReadPayload<VhostUserBlkDevice>(ref reader, options),
        _ => CreateUnknown(tag, StjConverters.ReadRaw(ref reader)),
    };

    protected override Device CreateUnknown(string tag, RawJson? data) => new UnknownDevice(tag, data);

    protected override void WriteCase(Utf8JsonWriter writer, Device value, JsonSerializerOptions options)
    {
        switch (value)
        {
            case VfioDevice d:
                WriteEnvelope(writer, DeviceTypes.Vfio, d, options);
                break;
            case BlockDevice d:
                WriteEnvelope(writer, DeviceTypes.Block, d, options);
                break;
            case GenericDevice d:
                WriteEnvelope(writer, DeviceTypes.Generic, d, options);
                break;
            case VhostUserNetDevice d:
                WriteEnvelope(writer, DeviceTypes.VhostUserNet, d, options);
                break;
            case VhostUserScsiDevice d:
                WriteEnvelope(writer, DeviceTypes.VhostUserScsi, d, options);
                break;
            case VhostUserBlkDevice d:
                WriteEnvelope(writer, DeviceTypes.VhostUserBlk, d, options);
                break;
            case UnknownDevice u:
                WriteUnknown(writer, u.Tag, u.Data);
                break;
            default:
                throw new JsonException($"Unknown device class {value.GetType().Name}.");
        }
    }
}

/// <summary>The envelope for <see cref="Endpoint"/>.</summary>
public sealed class EndpointEnvelopeConverter : EnvelopeConverter<Endpoint>
{
    protected override Endpoint ReadCase(string tag, ref Utf8JsonReader reader, JsonSerializerOptions options) => tag switch
    {
        EndpointTypes.Virtual => StjConverters.ReadPayload<VirtualEndpoint>(ref reader, options),
        EndpointTypes.Physical => StjConverters.ReadPayload<PhysicalEndpoint>(ref reader, options),
        EndpointTypes.VhostUser => StjConverters.ReadPayload<VhostUserEndpoint>(ref reader, options),
        _ => CreateUnknown(tag, StjConverters.ReadRaw(ref reader)),
    };

    protected override Endpoint CreateUnknown(string tag, RawJson? data) => new UnknownEndpoint(tag, data);

    protected override void WriteCase(Utf8JsonWriter writer, Endpoint value, JsonSerializerOptions options)
    {
        switch (value)
        {
            case VirtualEndpoint e:
                WriteEnvelope(writer, EndpointTypes.Virtual, e, options);
                break;
            case PhysicalEndpoint e:
                WriteEnvelope(writer, EndpointTypes.Physical, e, options);
                break;
            case VhostUserEndpoint e:
                WriteEnvelope(writer, EndpointTypes.VhostUser, e, options);
                break;
            case UnknownEndpoint u:
                WriteUnknown(writer, u.Tag, u.Data);
                break;
            default:
                throw new JsonException($"Unknown endpoint class {value.GetType().Name}.");
        }
    }
}

/// <summary><see cref="AgentConfig"/> as the bare struct; the case is told by its keys.</summary>
public sealed class AgentConfigConverter : JsonConverter<AgentConfig>
{
    private static readonly string[] s_keys = ["GRPCSocket", "SockCtlName", "SockTtyName"];

    public override AgentConfig? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return new UnknownAgentConfig(StjConverters.ReadRaw(ref reader)!);
        }

        return StjConverters.FindKey(reader, s_keys) switch
        {
            0 => StjConverters.ReadPayload<KataAgentConfig>(ref reader, options),
            1 or 2 => StjConverters.ReadPayload<HyperConfig>(ref reader, options),
            _ => new UnknownAgentConfig(StjConverters.ReadRaw(ref reader)!),
        };
    }

    public override void Write(Utf8JsonWriter writer, AgentConfig value, JsonSerializerOptions options)
    {
        switch (value)
        {
            case KataAgentConfig c:
                StjConverters.WritePayload(writer, c, options);
                break;
            case HyperConfig c:
                StjConverters.WritePayload(writer, c, options);
                break;
            case UnknownAgentConfig u:
                StjConverters.WriteRaw(writer, u.Data);
                break;
            default:
                throw new JsonException($"Unknown agent config class {value.GetType().Name}.");
        }
    }
}

/// <summary><see cref="ShimConfig"/> as the bare struct. Both shims have the keys Path and Debug: read as a kata
/// shim config, re-typed by <see cref="StjFixups.AfterRead(PodConfig)"/>.</summary>
public sealed class ShimConfigConverter : JsonConverter<ShimConfig>
{
    private static readonly string[] s_keys = ["Path", "Debug"];

    public override ShimConfig? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.StartObject && StjConverters.FindKey(reader, s_keys) >= 0)
        {
            return StjConverters.ReadPayload<KataShimConfig>(ref reader, options);
        }

        return new UnknownShimConfig(StjConverters.ReadRaw(ref reader)!);
    }

    public override void Write(Utf8JsonWriter writer, ShimConfig value, JsonSerializerOptions options)
    {
        switch (value)
        {
            case KataShimConfig c:
                StjConverters.WritePayload(writer, c, options);
                break;
            case CcShimConfig c:
                StjConverters.WritePayload(writer, c, options);
                break;
            case UnknownShimConfig u:
                StjConverters.WriteRaw(writer, u.Data);
                break;
            default:
                throw new JsonException($"Unknown shim config class {value.GetType().Name}.");
        }
    }
}

/// <summary><see cref="RouteDestination"/> as the bare struct, told by its keys.</summary>
public sealed class RouteDestinationConverter : JsonConverter<RouteDestination>
{
    private static readonly string[] s_keys = ["Labels"];

    public override RouteDestination? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.StartObject && StjConverters.FindKey(reader, s_keys) == 0
            ? StjConverters.ReadPayload<MplsDestination>(ref reader, options)
            : new UnknownRouteDestination(StjConverters.ReadRaw(ref reader)!);

    public override void Write(Utf8JsonWriter writer, RouteDestination value, JsonSerializerOptions options)
    {
        switch (value)
        {
            case MplsDestination d:
                StjConverters.WritePayload(writer, d, options);
                break;
            case UnknownRouteDestination u:
                StjConverters.WriteRaw(writer, u.Data);
                break;
            default:
                throw new JsonException($"Unknown route destination class {value.GetType().Name}.");
        }
    }
}

/// <summary><see cref="RouteEncap"/> as the bare struct, told by its keys.</summary>
public sealed class RouteEncapConverter : JsonConverter<RouteEncap>
{
    private static readonly string[] s_keys = ["Labels", "Mode", "Segments"];

    public override RouteEncap? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        int key = reader.TokenType == JsonTokenType.StartObject ? StjConverters.FindKey(reader, s_keys) : -1;
        return key switch
        {
            0 => StjConverters.ReadPayload<MplsEncap>(ref reader, options),
            1 or 2 => StjConverters.ReadPayload<Seg6Encap>(ref reader, options),
            _ => new UnknownRouteEncap(StjConverters.ReadRaw(ref reader)!),
        };
    }

    public override void Write(Utf8JsonWriter writer, RouteEncap value, JsonSerializerOptions options)
    {
        switch (value)
        {
            case MplsEncap e:
                StjConverters.WritePayload(writer, e, options);
                break;
            case Seg6Encap e:
                StjConverters.WritePayload(writer, e, options);
                break;
            case UnknownRouteEncap u:
                StjConverters.WriteRaw(writer, u.Data);
                break;
            default:
                throw new JsonException($"Unknown route encap class {value.GetType().Name}.");
        }
    }
}

/// <summary>Go <c>net.IP</c>: text, <c>""</c> for a null address (so it also handles null).</summary>
public sealed class IPAddressConverter : JsonConverter<IPAddress?>
{
    public override bool HandleNull => true;

    public override IPAddress? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        Span<char> text = stackalloc char[64];
        int length = reader.CopyString(text);
        return length == 0 ? null : IPAddress.Parse(text[..length]);
    }

    public override void Write(Utf8JsonWriter writer, IPAddress? value, JsonSerializerOptions options)
    {
        if (value is null)
        {
            writer.WriteStringValue(""u8);
            return;
        }

        Span<char> text = stackalloc char[64];
        if (!value.TryFormat(text, out int length))
        {
            throw new JsonException("IP address does not format.");
        }

        writer.WriteStringValue(text[..length]);
    }
}

/// <summary>Go <c>time.Time</c>: RFC 3339 with nanoseconds, through <see cref="Timestamp"/>'s own parser and formatter.</summary>
public sealed class TimestampConverter : JsonConverter<Timestamp>
{
    public override Timestamp Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException("A time must be a string.");
        }

        Span<byte> text = stackalloc byte[128];
        int length = reader.CopyString(text);
        return Timestamp.TryParse(text[..length], out Timestamp value) ? value : throw new JsonException("Not an RFC 3339 time.");
    }

    public override void Write(Utf8JsonWriter writer, Timestamp value, JsonSerializerOptions options)
    {
        Span<byte> text = stackalloc byte[Timestamp.MaxFormattedLength];
        int length = value.Format(text);
        writer.WriteStringValue(text[..length]);
    }
}

/// <summary><see cref="RawJson"/> written verbatim; read through a <see cref="JsonDocument"/>.</summary>
public sealed class RawJsonConverter : JsonConverter<RawJson>
{
    public override RawJson? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => StjConverters.ReadRaw(ref reader);

    public override void Write(Utf8JsonWriter writer, RawJson value, JsonSerializerOptions options) => StjConverters.WriteRaw(writer, value);
}

/// <summary><see cref="NetlinkIface"/> with the keys of its embedded <see cref="LinkAttributes"/> inline.</summary>
public sealed class NetlinkIfaceConverter : EmbeddedMemberConverter<NetlinkIface, LinkAttributes>
{
    public NetlinkIfaceConverter()
        : this(StjShapeContext.Default.Options)
    {
    }

    public NetlinkIfaceConverter(JsonSerializerOptions shapeOptions)
        : base(shapeOptions, nameof(NetlinkIface.LinkAttributes))
    {
    }
}

/// <summary><see cref="NetlinkAddress"/> with the keys of its embedded <see cref="IPNet"/> inline (absent when null).</summary>
public sealed class NetlinkAddressConverter : EmbeddedMemberConverter<NetlinkAddress, IPNet>
{
    public NetlinkAddressConverter()
        : this(StjShapeContext.Default.Options)
    {
    }

    public NetlinkAddressConverter(JsonSerializerOptions shapeOptions)
        : base(shapeOptions, nameof(NetlinkAddress.IPNet))
    {
    }
}

/// <summary>
/// Flattens the member <c>embeddedName</c> (a Go embedded struct) into its parent object, driven by STJ's own
/// property metadata: the parent's property list comes from <c>shapeOptions</c> (where the parent has no
/// converter), the embedded type's and every value's from the options in use. Each value is boxed through
/// <see cref="JsonPropertyInfo.Get"/>/<see cref="JsonPropertyInfo.Set"/>: that is the price of doing this
/// without writing each property by hand.
/// </summary>
public abstract class EmbeddedMemberConverter<TOuter, TInner> : JsonConverter<TOuter>
    where TOuter : class, new()
    where TInner : class, new()
{
    private readonly JsonSerializerOptions _shapeOptions;
    private readonly string _embeddedName;
    private Shape? _shape;

    protected EmbeddedMemberConverter(JsonSerializerOptions shapeOptions, string embeddedName)
    {
        _shapeOptions = shapeOptions;
        _embeddedName = embeddedName;
    }

    public override TOuter? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        StjConverters.ExpectStartObject(ref reader);
        Shape shape = GetShape(options);
        var result = new TOuter();
        TInner? inner = null;
        Span<char> name = stackalloc char[128];
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            int length = reader.CopyString(name);
            reader.Read();
            if (!shape.Lookup.TryGetValue(name[..length], out Member? member))
            {
                reader.Skip();
                continue;
            }

            object? value = JsonSerializer.Deserialize(ref reader, member.ValueInfo);
            if (member.IsInner)
            {
                inner ??= new TInner();
                member.Property.Set!(inner, value);
            }
            else
            {
                member.Property.Set!(result, value);
            }
        }

        if (inner is not null)
        {
            shape.Embedded.Set!(result, inner);
        }

        return result;
    }

    public override void Write(Utf8JsonWriter writer, TOuter value, JsonSerializerOptions options)
    {
        Shape shape = GetShape(options);
        writer.WriteStartObject();
        foreach (Member member in shape.OuterOrder)
        {
            if (member.Property == shape.Embedded)
            {
                if (member.Property.Get!(value) is TInner inner)
                {
                    foreach (Member innerMember in shape.InnerOrder)
                    {
                        WriteMember(writer, innerMember, innerMember.Property.Get!(inner));
                    }
                }

                continue;
            }

            WriteMember(writer, member, member.Property.Get!(value));
        }

        writer.WriteEndObject();
    }

    private static void WriteMember(Utf8JsonWriter writer, Member member, object? value)
    {
        writer.WritePropertyName(member.Property.Name);
        JsonSerializer.Serialize(writer, value, member.ValueInfo);
    }

    private Shape GetShape(JsonSerializerOptions options)
    {
        Shape? shape = _shape;
        if (shape is null || !ReferenceEquals(shape.Options, options))
        {
            shape = new Shape(options, _shapeOptions.GetTypeInfo(typeof(TOuter)), options.GetTypeInfo(typeof(TInner)), _embeddedName);
            _shape = shape;
        }

        return shape;
    }

    private sealed class Member(JsonPropertyInfo property, JsonTypeInfo valueInfo, bool isInner)
    {
        public JsonPropertyInfo Property { get; } = property;

        public JsonTypeInfo ValueInfo { get; } = valueInfo;

        public bool IsInner { get; } = isInner;
    }

    private sealed class Shape
    {
        public Shape(JsonSerializerOptions options, JsonTypeInfo outer, JsonTypeInfo inner, string embeddedName)
        {
            Options = options;
            var lookup = new Dictionary<string, Member>(StringComparer.Ordinal);
            var outerOrder = new List<Member>();
            var innerOrder = new List<Member>();
            JsonPropertyInfo? embedded = null;
            foreach (JsonPropertyInfo property in outer.Properties)
            {
                var member = new Member(property, options.GetTypeInfo(property.PropertyType), isInner: false);
                outerOrder.Add(member);
                if (property.Name == embeddedName && property.PropertyType == typeof(TInner))
                {
                    embedded = property;
                }
                else
                {
                    lookup[property.Name] = member;
                }
            }

            foreach (JsonPropertyInfo property in inner.Properties)
            {
                var member = new Member(property, options.GetTypeInfo(property.PropertyType), isInner: true);
                innerOrder.Add(member);
                lookup[property.Name] = member;
            }

            Embedded = embedded ?? throw new InvalidOperationException($"{typeof(TOuter).Name} has no member {embeddedName} of type {typeof(TInner).Name}.");
            OuterOrder = [.. outerOrder];
            InnerOrder = [.. innerOrder];
            Lookup = lookup.GetAlternateLookup<ReadOnlySpan<char>>();
        }

        public JsonSerializerOptions Options { get; }

        public JsonPropertyInfo Embedded { get; }

        public Member[] OuterOrder { get; }

        public Member[] InnerOrder { get; }

        public Dictionary<string, Member>.AlternateLookup<ReadOnlySpan<char>> Lookup { get; }
    }
}

/// <summary>What the converters cannot do on their own.</summary>
public static class StjFixups
{
    /// <summary>Re-types the shim config from the sibling <see cref="PodConfig.ShimType"/> (a cc shim reads as a kata one).</summary>
    [return: NotNullIfNotNull(nameof(pod))]
    public static PodConfig? AfterRead(PodConfig? pod)
    {
        if (pod is { ShimType: ShimTypes.CcShim, ShimConfig: KataShimConfig kata })
        {
            pod.ShimConfig = new CcShimConfig { Path = kata.Path, Debug = kata.Debug };
        }

        return pod;
    }
}
