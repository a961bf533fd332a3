using Aot.Storage.Generators.Tests.Infrastructure;

namespace Aot.Storage.Generators.Tests;

/// <summary>Valid declarations that once made the generator throw or emit code that did not compile cleanly.</summary>
public sealed class RegressionTests
{
    private const string Header = """
        using System.Collections.Generic;
        using System.Net;
        using Aot.Storage;

        """;

    [Fact]
    public void SetsOfTheSameNameInTwoNamespaces()
    {
        // The hint names were the bare class and context names: AddSource threw on the second set and the
        // generator dropped its whole output (CS8785).
        GeneratorRun run = GeneratorHarness.Run(Header + """
            namespace Sample.Pods
            {
                [ResourceSet]
                [ResourceKind("config", "config.json", StorageRoot.Config, PodPayload = typeof(Spec))]
                public sealed partial class Store
                {
                }

                public sealed class Spec
                {
                    public string Name { get; set; } = "";
                }
            }

            namespace Sample.Vms
            {
                [ResourceSet]
                [ResourceKind("config", "config.json", StorageRoot.Config, PodPayload = typeof(Spec))]
                public sealed partial class Store
                {
                }

                public sealed class Spec
                {
                    public long Memory { get; set; }
                }
            }
            """);

        run.AssertNoGeneratorFailure().AssertOutputCompilesCleanly();
        string[] expected =
        [
            "Sample.Pods.Store.g.cs", "Sample.Pods.Store.Codecs.g.cs", "Sample.Pods.Store.StoreJsonContext.g.cs",
            "Sample.Vms.Store.g.cs", "Sample.Vms.Store.Codecs.g.cs", "Sample.Vms.Store.StoreJsonContext.g.cs",
        ];
        Assert.Equal(expected.Order(StringComparer.Ordinal), run.Sources.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void TwoSetsWithTheSameContextNameGetADiagnosticNotAGeneratorFailure()
    {
        // The two partial contexts used to merge into compiler errors in generated code (CS0102, CS0111); now
        // each set reports AOTS018 (DiagnosticTests) and the generator emits nothing for either.
        GeneratorRun run = GeneratorHarness.Run(Header + """
            namespace Sample.Shared;

            [ResourceSet(JsonContextName = "StateContext")]
            [ResourceKind("config", "config.json", StorageRoot.Config, PodPayload = typeof(Spec))]
            public sealed partial class PodStore
            {
            }

            [ResourceSet(JsonContextName = "StateContext")]
            [ResourceKind("config", "config.json", StorageRoot.Config, PodPayload = typeof(Spec))]
            public sealed partial class VmStore
            {
            }

            public sealed class Spec
            {
                public string Name { get; set; } = "";
            }
            """);

        run.AssertNoGeneratorFailure().AssertOutputCompilesCleanly();
        Assert.Empty(run.Sources);
    }

    [Fact]
    public void TypesNamedLikeTheGeneratedMembers()
    {
        // A payload named Codecs gave CS0542 (a member named like the nested Codecs class); Default or Options
        // would clash with the JSON context's own members, ThingCodec with Thing's nested codec class, and a type
        // from another namespace named like the context with the context itself.
        GeneratorRun run = GeneratorHarness.Run(Header + """
            namespace Sample.Names
            {
                [ResourceSet]
                [ResourceKind("config", "config.json", StorageRoot.Config, PodPayload = typeof(Codecs))]
                public sealed partial class Store
                {
                }

                public sealed class Codecs
                {
                    public Default? A { get; set; }

                    public Options? B { get; set; }

                    public Thing? C { get; set; }

                    public ThingCodec? D { get; set; }

                    public ReadThing? E { get; set; }

                    public Create? F { get; set; }

                    public Sample.Elsewhere.StoreJsonContext? G { get; set; }
                }

                public sealed class Default { public string Name { get; set; } = ""; }

                public sealed class Options { public string Name { get; set; } = ""; }

                public sealed class Thing { public string Name { get; set; } = ""; }

                public sealed class ThingCodec { public string Name { get; set; } = ""; }

                public sealed class ReadThing { public string Name { get; set; } = ""; }

                public sealed class Create { public string Name { get; set; } = ""; }
            }

            namespace Sample.Elsewhere
            {
                public sealed class StoreJsonContext { public string Name { get; set; } = ""; }
            }
            """);

        run.AssertNoGeneratorFailure().AssertOutputCompilesCleanly();
    }

    [Fact]
    public void NullableStructMembers()
    {
        // ReadPrimitive had no case for a codec value: a Nullable<struct> member, element or map value made
        // the generator throw InvalidOperationException("Codec").
        GeneratorRun run = GeneratorHarness.Run(Header + """
            namespace Sample.Structs;

            [ResourceSet]
            [ResourceKind("config", "config.json", StorageRoot.Config, PodPayload = typeof(Spec))]
            public sealed partial class Store
            {
            }

            public sealed class Spec
            {
                public Point Origin { get; set; }

                public Point? Target { get; set; }

                public List<Point?>? Path { get; set; }

                public Dictionary<string, Point?>? Marks { get; set; }
            }

            public struct Point
            {
                public int X { get; set; }

                public int Y { get; set; }
            }
            """);

        run.AssertNoGeneratorFailure().AssertOutputCompilesCleanly();
        string codecs = run.Sources["Sample.Structs.Store.Codecs.g.cs"];
        Assert.Contains("value.Target = reader.TokenType == global::System.Text.Json.JsonTokenType.Null ? null : ReadPoint(ref reader);", codecs, StringComparison.Ordinal);
        Assert.Contains("list.Add(reader.TokenType == global::System.Text.Json.JsonTokenType.Null ? null : ReadPoint(ref reader));", codecs, StringComparison.Ordinal);
    }

    [Fact]
    public void NonNullableIPAddressMembersElementsAndMapValues()
    {
        // ReadIPAddress returns IPAddress?: assigning it to a non-nullable member, list element or map value
        // gave CS8601/CS8604 in the consumer's build (an error with TreatWarningsAsErrors).
        GeneratorRun run = GeneratorHarness.Run(Header + """
            namespace Sample.Addresses;

            [ResourceSet]
            [ResourceKind("network", "network.json", StorageRoot.Run, PodPayload = typeof(Spec))]
            public sealed partial class Store
            {
            }

            public sealed class Spec
            {
                public IPAddress Gateway { get; set; } = IPAddress.Any;

                public IPAddress? Dns { get; set; }

                public List<IPAddress>? Routes { get; set; }

                public List<IPAddress?>? Optional { get; set; }

                public Dictionary<string, IPAddress>? ByName { get; set; }
            }
            """);

        run.AssertNoGeneratorFailure().AssertOutputCompilesCleanly();

        // null and "" read as no address; a non-nullable property keeps the address it has.
        Assert.Contains("value.Gateway = global::Aot.Storage.Json.JsonReading.ReadIPAddress(ref reader, value.Gateway, \"Spec.Gateway\"u8) ?? value.Gateway;", run.Sources["Sample.Addresses.Store.Codecs.g.cs"], StringComparison.Ordinal);
    }
}
