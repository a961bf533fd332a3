using Aot.Storage.Generators.Tests.Infrastructure;

namespace Aot.Storage.Generators.Tests;

/// <summary>
/// One test (or more) per diagnostic AOTS001–AOTS018: the analyzer reports exactly the expected diagnostics,
/// each at the marked span and naming the offending member or type, and the generator emits nothing for
/// the invalid declaration, without exception.
/// </summary>
public sealed class DiagnosticTests
{
    private const string Header = """
        using System;
        using System.Collections.Generic;
        using System.Text.Json.Serialization;
        using Aot.Storage;
        using Aot.Storage.Json;

        namespace Sample.Invalid;

        """;

    // A valid payload and a valid set around it, for the tests that break something else.
    private const string Payload = """

        public sealed class P
        {
            public string Name { get; set; } = "";
        }
        """;

    private static string Source(string body) => Header + body;

    private static string StoreOf(string payload) => $$"""
        [ResourceSet]
        [ResourceKind("config", "config.json", StorageRoot.Config, PodPayload = typeof({{payload}}))]
        public sealed partial class Store
        {
        }

        """;

    // ------------------------------------------------------------------ AOTS001

    [Theory]
    [InlineData("public sealed class {|#0:Store|}\n{\n}")]
    [InlineData("public sealed partial class {|#0:Store|}<T>\n{\n}")]
    [InlineData("public static partial class {|#0:Store|}\n{\n}")]
    public Task SetMustBePartialTopLevelNonGeneric(string declaration) =>
        DiagnosticVerifier.VerifyAsync(
            Source("""
                [ResourceSet]
                [ResourceKind("config", "config.json", StorageRoot.Config, PodPayload = typeof(P))]

                """ + declaration + Payload),
            new ExpectedDiagnostic("AOTS001", 0, "'Store'"));

    [Fact]
    public Task NestedSetIsReported() =>
        DiagnosticVerifier.VerifyAsync(
            Source("""
                public static class Outer
                {
                    [ResourceSet]
                    [ResourceKind("config", "config.json", StorageRoot.Config, PodPayload = typeof(P))]
                    public sealed partial class {|#0:Store|}
                    {
                    }
                }
                """ + Payload),
            new ExpectedDiagnostic("AOTS001", 0, "'Store'", "top-level"));

    // ------------------------------------------------------------------ AOTS002, AOTS003

    [Fact]
    public Task DuplicateKindName() =>
        DiagnosticVerifier.VerifyAsync(
            Source("""
                [ResourceSet]
                [ResourceKind("config", "a.json", StorageRoot.Config, PodPayload = typeof(P))]
                [{|#0:ResourceKind("config", "b.json", StorageRoot.Run, PodPayload = typeof(P))|}]
                public sealed partial class Store
                {
                }
                """ + Payload),
            new ExpectedDiagnostic("AOTS002", 0, "'config'", "'Store'"));

    [Fact]
    public Task KindNamesThatGiveTheSameMemberNames() =>
        DiagnosticVerifier.VerifyAsync(
            Source("""
                [ResourceSet]
                [ResourceKind("disk-1", "a.json", StorageRoot.Config, PodPayload = typeof(P))]
                [{|#0:ResourceKind("disk1", "b.json", StorageRoot.Run, PodPayload = typeof(P))|}]
                public sealed partial class Store
                {
                }
                """ + Payload),
            new ExpectedDiagnostic("AOTS002", 0, "'disk1'", "same member names"));

    [Fact]
    public Task DuplicateFileName() =>
        DiagnosticVerifier.VerifyAsync(
            Source("""
                [ResourceSet]
                [ResourceKind("config", "same.json", StorageRoot.Config, PodPayload = typeof(P))]
                [{|#0:ResourceKind("state", "same.json", StorageRoot.Run, PodPayload = typeof(P))|}]
                public sealed partial class Store
                {
                }
                """ + Payload),
            new ExpectedDiagnostic("AOTS003", 0, "'same.json'", "'Store'"));

    // ------------------------------------------------------------------ AOTS004, AOTS005

    [Fact]
    public Task PayloadOutsideScope() =>
        DiagnosticVerifier.VerifyAsync(
            Source("""
                [ResourceSet]
                [{|#0:ResourceKind("config", "config.json", StorageRoot.Config, Scope = ResourceScope.Pod, PodPayload = typeof(P), ContainerPayload = typeof(P))|}]
                public sealed partial class Store
                {
                }
                """ + Payload),
            new ExpectedDiagnostic("AOTS004", 0, "'config'", "container payload", "Pod"));

    [Fact]
    public Task KindWithoutAnyPayload() =>
        DiagnosticVerifier.VerifyAsync(
            Source("""
                [ResourceSet]
                [{|#0:ResourceKind("config", "config.json", StorageRoot.Config)|}]
                public sealed partial class Store
                {
                }
                """),
            new ExpectedDiagnostic("AOTS005", 0, "'config'", "pod or container"));

    [Fact]
    public Task KindWithoutPayloadForOneOfItsScopes() =>
        DiagnosticVerifier.VerifyAsync(
            Source("""
                [ResourceSet]
                [{|#0:ResourceKind("config", "config.json", StorageRoot.Config, Scope = ResourceScope.PodAndContainer, PodPayload = typeof(P))|}]
                public sealed partial class Store
                {
                }
                """ + Payload),
            new ExpectedDiagnostic("AOTS005", 0, "'config'", "no container payload"));

    // ------------------------------------------------------------------ AOTS006

    [Fact]
    public Task UnsupportedMemberTypesAreReportedAtEachMember() =>
        DiagnosticVerifier.VerifyAsync(
            Source(StoreOf("P") + """
                public interface IShape
                {
                }

                public sealed class P
                {
                    public object {|#0:Any|} { get; set; } = new();

                    public dynamic {|#1:Loose|} { get; set; } = 0;

                    public Action? {|#2:Callback|} { get; set; }

                    public IShape? {|#3:Shape|} { get; set; }

                    public double {|#4:Ratio|} { get; set; }

                    public int[]? {|#5:Numbers|} { get; set; }

                    public string Fine { get; set; } = "";
                }
                """),
            new ExpectedDiagnostic("AOTS006", 0, "'P.Any'", "'object'"),
            new ExpectedDiagnostic("AOTS006", 1, "'P.Loose'", "'dynamic'"),
            new ExpectedDiagnostic("AOTS006", 2, "'P.Callback'", "System.Action", "delegates"),
            new ExpectedDiagnostic("AOTS006", 3, "'P.Shape'", "Sample.Invalid.IShape", "interfaces"),
            new ExpectedDiagnostic("AOTS006", 4, "'P.Ratio'", "'double'", "floating-point"),
            new ExpectedDiagnostic("AOTS006", 5, "'P.Numbers'", "'int[]", "List<T>"));

    [Fact]
    public Task UnsupportedTypeDeepInsideTheGraphIsReportedAtItsMember() =>
        DiagnosticVerifier.VerifyAsync(
            Source(StoreOf("P") + """
                public sealed class P
                {
                    public List<Inner>? Items { get; set; }
                }

                public sealed class Inner
                {
                    public Dictionary<string, float>? {|#0:Weights|} { get; set; }
                }
                """),
            new ExpectedDiagnostic("AOTS006", 0, "'Inner.Weights value'", "'float'"));

    [Fact]
    public Task PrimitivePayloadIsReportedAtTheKind() =>
        DiagnosticVerifier.VerifyAsync(
            Source("""
                [ResourceSet]
                [{|#0:ResourceKind("config", "config.json", StorageRoot.Config, PodPayload = typeof(string))|}]
                public sealed partial class Store
                {
                }
                """),
            new ExpectedDiagnostic("AOTS006", 0, "payload of kind config", "'string'", "a payload must be"));

    [Fact]
    public Task StructPayloadIsReportedAtTheKind() =>
        DiagnosticVerifier.VerifyAsync(
            Source("""
                [ResourceSet]
                [{|#0:ResourceKind("config", "config.json", StorageRoot.Config, PodPayload = typeof(Point))|}]
                public sealed partial class Store
                {
                }

                public struct Point
                {
                    public int X { get; set; }
                }
                """),
            new ExpectedDiagnostic("AOTS006", 0, "payload of kind config", "'Sample.Invalid.Point'", "a payload must be a class"));

    [Fact]
    public Task MapWithUnsupportedKey() =>
        DiagnosticVerifier.VerifyAsync(
            Source(StoreOf("P") + """
                public sealed class P
                {
                    public Dictionary<bool, string>? {|#0:ByFlag|} { get; set; }
                }
                """),
            new ExpectedDiagnostic("AOTS006", 0, "'P.ByFlag'", "map keys"));

    // ------------------------------------------------------------------ AOTS007, AOTS008

    [Fact]
    public Task EnvelopeCaseWithoutTag() =>
        DiagnosticVerifier.VerifyAsync(
            Source(StoreOf("List<Gadget>") + """
                [JsonUnion]
                public abstract class Gadget
                {
                }

                [UnionCase("disk")]
                public sealed class Disk : Gadget
                {
                }

                [UnionCase]
                public sealed class {|#0:Blank|} : Gadget
                {
                }
                """),
            new ExpectedDiagnostic("AOTS007", 0, "'Blank'", "'Gadget'", "tag"));

    [Fact]
    public Task ShapeCaseWithoutIdentifyingProperties() =>
        DiagnosticVerifier.VerifyAsync(
            Source(StoreOf("List<Encap>") + """
                [JsonUnion(Style = UnionStyle.Shape)]
                public abstract class Encap
                {
                }

                [UnionCase("fou")]
                public sealed class {|#0:Fou|} : Encap
                {
                    public ushort Sport { get; set; }
                }
                """),
            new ExpectedDiagnostic("AOTS007", 0, "'Fou'", "'Encap'", "identifying properties"));

    [Fact]
    public Task DuplicateTag() =>
        DiagnosticVerifier.VerifyAsync(
            Source(StoreOf("List<Gadget>") + """
                [JsonUnion]
                public abstract class Gadget
                {
                }

                [UnionCase("disk", "block")]
                public sealed class Alpha : Gadget
                {
                }

                [UnionCase("net", "block")]
                public sealed class {|#0:Beta|} : Gadget
                {
                }
                """),
            new ExpectedDiagnostic("AOTS008", 0, "'block'", "'Alpha'", "'Beta'", "'Gadget'"));

    // ------------------------------------------------------------------ AOTS009

    [Fact]
    public Task CaseOutsideUnion() =>
        DiagnosticVerifier.VerifyAnalyzerAsync(
            Source("""
                public abstract class NotAUnion
                {
                }

                [UnionCase("stray")]
                public sealed class {|#0:Stray|} : NotAUnion
                {
                }

                [UnknownUnionCase]
                public sealed class {|#1:Orphan|}
                {
                }
                """),
            new ExpectedDiagnostic("AOTS009", 0, "'Stray'"),
            new ExpectedDiagnostic("AOTS009", 1, "'Orphan'"));

    // ------------------------------------------------------------------ AOTS010

    [Fact]
    public Task PayloadWithoutParameterlessConstructor() =>
        DiagnosticVerifier.VerifyAsync(
            Source(StoreOf("P") + """
                public sealed class {|#0:P|}
                {
                    public P(string name)
                    {
                        Name = name;
                    }

                    public string Name { get; set; }
                }
                """),
            new ExpectedDiagnostic("AOTS010", 0, "'Sample.Invalid.P'", "parameterless constructor"));

    [Fact]
    public Task InitOnlyProperty() =>
        DiagnosticVerifier.VerifyAsync(
            Source(StoreOf("P") + """
                public sealed class P
                {
                    public string {|#0:Name|} { get; init; } = "";
                }
                """),
            new ExpectedDiagnostic("AOTS010", 0, "'P.Name'", "init-only"));

    [Fact]
    public Task AbstractUnionCase() =>
        DiagnosticVerifier.VerifyAsync(
            Source(StoreOf("List<Gadget>") + """
                [JsonUnion]
                public abstract class Gadget
                {
                }

                [UnionCase("disk")]
                public abstract class {|#0:Disk|} : Gadget
                {
                }
                """),
            new ExpectedDiagnostic("AOTS010", 0, "'Sample.Invalid.Disk'", "concrete class"));

    // ------------------------------------------------------------------ AOTS011

    [Theory]
    [InlineData("Config")]
    [InlineData("vm--state")]
    [InlineData("-vm")]
    [InlineData("vm-")]
    [InlineData("vm_state")]
    [InlineData("1vm")]
    [InlineData("")]
    public Task InvalidKindName(string name) =>
        DiagnosticVerifier.VerifyAsync(
            Source($$"""
                [ResourceSet]
                [{|#0:ResourceKind("{{name}}", "config.json", StorageRoot.Config, PodPayload = typeof(P))|}]
                public sealed partial class Store
                {
                }
                """ + Payload),
            new ExpectedDiagnostic("AOTS011", 0, $"'{name}'", "lowercase"));

    [Theory]
    [InlineData(".config.json")]
    [InlineData("pods/config.json")]
    [InlineData("pods\\\\config.json")]
    [InlineData("my config.json")]
    [InlineData("")]
    public Task InvalidFileName(string fileName) =>
        DiagnosticVerifier.VerifyAsync(
            Source($$"""
                [ResourceSet]
                [{|#0:ResourceKind("config", "{{fileName}}", StorageRoot.Config, PodPayload = typeof(P))|}]
                public sealed partial class Store
                {
                }
                """ + Payload),
            new ExpectedDiagnostic("AOTS011", 0, "'config'", $"file name '{fileName.Replace("\\\\", "\\", StringComparison.Ordinal)}'"));

    // ------------------------------------------------------------------ AOTS012, AOTS015

    private const string AgentUnion = """

        [JsonUnion(Style = UnionStyle.ExternalTag)]
        public abstract class AgentConfig
        {
        }

        [UnionCase("kata")]
        public sealed class KataConfig : AgentConfig
        {
            public bool LongLiveConn { get; set; }
        }
        """;

    [Fact]
    public Task TagSourceOnAPropertyThatIsNotAnExternalTagUnion() =>
        DiagnosticVerifier.VerifyAsync(
            Source(StoreOf("P") + """
                public sealed class P
                {
                    public string Kind { get; set; } = "";

                    [UnionTagFrom(nameof(Kind))]
                    public string {|#0:Other|} { get; set; } = "";
                }
                """),
            new ExpectedDiagnostic("AOTS012", 0, "'P.Other'", "[UnionTagFrom] applies only"));

    [Theory]
    [InlineData("public string AgentType { get; set; } = \"\";", "Missing")]
    [InlineData("public int AgentType { get; set; }", "AgentType")]
    public Task TagSourceThatIsNotAStringSibling(string sibling, string source) =>
        DiagnosticVerifier.VerifyAsync(
            Source(StoreOf("P") + $$"""
                public sealed class {|#0:P|}
                {
                    {{sibling}}

                    [UnionTagFrom("{{source}}")]
                    public AgentConfig? AgentConfig { get; set; }
                }
                """ + AgentUnion),
            new ExpectedDiagnostic("AOTS012", 0, "'P.AgentConfig'", $"'{source}' must be a string property of 'P'"));

    [Fact]
    public Task ExternalTagUnionWithoutTagSource() =>
        DiagnosticVerifier.VerifyAsync(
            Source(StoreOf("P") + """
                public sealed class P
                {
                    public string AgentType { get; set; } = "";

                    public AgentConfig? {|#0:AgentConfig|} { get; set; }
                }
                """ + AgentUnion),
            new ExpectedDiagnostic("AOTS015", 0, "'P.AgentConfig'", "Sample.Invalid.AgentConfig", "[UnionTagFrom]"));

    // ------------------------------------------------------------------ AOTS013

    [Fact]
    public Task LockWithPayload() =>
        DiagnosticVerifier.VerifyAsync(
            Source("""
                [ResourceSet]
                [{|#0:ResourceKind("lock", "lock", StorageRoot.Run, IsLock = true, PodPayload = typeof(P))|}]
                public sealed partial class Store
                {
                }
                """ + Payload),
            new ExpectedDiagnostic("AOTS013", 0, "'lock'", "no payload"));

    [Fact]
    public Task LockScopedToContainers() =>
        DiagnosticVerifier.VerifyAsync(
            Source("""
                [ResourceSet]
                [{|#0:ResourceKind("lock", "lock", StorageRoot.Run, Scope = ResourceScope.Container, IsLock = true)|}]
                public sealed partial class Store
                {
                }
                """),
            new ExpectedDiagnostic("AOTS013", 0, "'lock'", "pod-scoped"));

    [Fact]
    public Task TwoLocks() =>
        DiagnosticVerifier.VerifyAsync(
            Source("""
                [ResourceSet]
                [ResourceKind("lock", "lock", StorageRoot.Run, IsLock = true)]
                [{|#0:ResourceKind("other-lock", "other.lock", StorageRoot.Run, IsLock = true)|}]
                public sealed partial class Store
                {
                }
                """),
            new ExpectedDiagnostic("AOTS013", 0, "'other-lock'", "at most one lock kind"));

    // ------------------------------------------------------------------ AOTS014

    [Fact]
    public Task UnknownCaseWithoutTheRequiredConstructor() =>
        DiagnosticVerifier.VerifyAsync(
            Source(StoreOf("List<Gadget>") + """
                [JsonUnion]
                public abstract class Gadget
                {
                }

                [UnionCase("disk")]
                public sealed class Disk : Gadget
                {
                }

                [UnknownUnionCase]
                public sealed class {|#0:OtherGadget|} : Gadget
                {
                    public OtherGadget(RawJson? data)
                    {
                        Data = data;
                    }

                    public string Tag { get; } = "";

                    public RawJson? Data { get; }
                }
                """),
            new ExpectedDiagnostic("AOTS014", 0, "'OtherGadget'", "'Gadget'", "(string tag, RawJson? data)"));

    [Fact]
    public Task TwoUnknownCases() =>
        DiagnosticVerifier.VerifyAsync(
            Source(StoreOf("List<Encap>") + """
                [JsonUnion(Style = UnionStyle.Shape)]
                public abstract class Encap
                {
                }

                [UnionCase(IdentifyingProperties = new[] { "Sport" })]
                public sealed class Fou : Encap
                {
                    public ushort Sport { get; set; }
                }

                [UnknownUnionCase]
                public sealed class UnknownA : Encap
                {
                    public UnknownA(RawJson? data)
                    {
                        Data = data;
                    }

                    public RawJson? Data { get; }
                }

                [UnknownUnionCase]
                public sealed class {|#0:UnknownB|} : Encap
                {
                    public UnknownB(RawJson? data)
                    {
                        Data = data;
                    }

                    public RawJson? Data { get; }
                }
                """),
            new ExpectedDiagnostic("AOTS014", 0, "'UnknownB'", "'Encap'", "at most one unknown case"));

    // ------------------------------------------------------------------ AOTS016

    [Fact]
    public Task EmbeddedList() =>
        DiagnosticVerifier.VerifyAsync(
            Source(StoreOf("P") + """
                public sealed class P
                {
                    [JsonEmbedded]
                    public List<string>? {|#0:Items|} { get; set; }
                }
                """),
            new ExpectedDiagnostic("AOTS016", 0, "'P.Items'", "not a plain class"));

    [Fact]
    public Task EmbeddedTypeThatEmbedsAgain() =>
        DiagnosticVerifier.VerifyAsync(
            Source(StoreOf("P") + """
                public sealed class P
                {
                    [JsonEmbedded]
                    public Middle? {|#0:Middle|} { get; set; }
                }

                public sealed class Middle
                {
                    [JsonEmbedded]
                    public Inner? Inner { get; set; }
                }

                public sealed class Inner
                {
                    public int Depth { get; set; }
                }
                """),
            new ExpectedDiagnostic("AOTS016", 0, "'P.Middle'", "may not themselves embed"));

    // ------------------------------------------------------------------ AOTS017

    [Fact]
    public Task DuplicateJsonName() =>
        DiagnosticVerifier.VerifyAsync(
            Source(StoreOf("P") + """
                public sealed class P
                {
                    [JsonPropertyName("ID")]
                    public string Id { get; set; } = "";

                    public string {|#0:ID|} { get; set; } = "";
                }
                """),
            new ExpectedDiagnostic("AOTS017", 0, "'ID'", "'P'"));

    // ------------------------------------------------------------------ AOTS018

    [Fact]
    public Task TwoSetsWithOneContextName() =>
        DiagnosticVerifier.VerifyAsync(
            Source("""
                [{|#0:ResourceSet(JsonContextName = "SharedContext")|}]
                [ResourceKind("config", "config.json", StorageRoot.Config, PodPayload = typeof(P))]
                public sealed partial class Store
                {
                }

                [{|#1:ResourceSet(JsonContextName = "SharedContext")|}]
                [ResourceKind("config", "config.json", StorageRoot.Config, PodPayload = typeof(P))]
                public sealed partial class OtherStore
                {
                }
                """ + Payload),
            new ExpectedDiagnostic("AOTS018", 0, "'SharedContext'", "'Store'", "resource set 'OtherStore'"),
            new ExpectedDiagnostic("AOTS018", 1, "'SharedContext'", "'OtherStore'", "resource set 'Store'"));

    [Fact]
    public Task DefaultContextNameTakenByAType() =>
        DiagnosticVerifier.VerifyAsync(
            Source("""
                [{|#0:ResourceSet|}]
                [ResourceKind("config", "config.json", StorageRoot.Config, PodPayload = typeof(P))]
                public sealed partial class Store
                {
                }

                public sealed class StoreJsonContext
                {
                }
                """ + Payload),
            new ExpectedDiagnostic("AOTS018", 0, "'StoreJsonContext'", "'Store'", "the type 'Sample.Invalid.StoreJsonContext'"));

    [Fact]
    public Task ContextNamedLikeItsSet() =>
        DiagnosticVerifier.VerifyAsync(
            Source("""
                [{|#0:ResourceSet(JsonContextName = "Store")|}]
                [ResourceKind("config", "config.json", StorageRoot.Config, PodPayload = typeof(P))]
                public sealed partial class Store
                {
                }
                """ + Payload),
            new ExpectedDiagnostic("AOTS018", 0, "'Store'", "the resource set itself"));

    // ------------------------------------------------------------------ the descriptors

    [Fact]
    public void AnalyzerSupportsExactlyAots001ToAots018AsErrors()
    {
        var supported = new Aot.Storage.Generators.Diagnostics.ResourceSetAnalyzer().SupportedDiagnostics;

        Assert.Equal(Enumerable.Range(1, 18).Select(i => $"AOTS{i:000}"), supported.Select(d => d.Id).Order(StringComparer.Ordinal));
        Assert.All(supported, d =>
        {
            Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Error, d.DefaultSeverity);
            Assert.True(d.IsEnabledByDefault);
            Assert.EndsWith("#" + d.Id.ToLowerInvariant(), d.HelpLinkUri, StringComparison.Ordinal);
        });
    }
}
