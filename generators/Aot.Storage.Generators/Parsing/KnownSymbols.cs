using Microsoft.CodeAnalysis;

namespace Aot.Storage.Generators.Parsing;

/// <summary>The types the parser recognises, looked up once per compilation.</summary>
internal sealed class KnownSymbols
{
    public const string ResourceSetAttributeName = "Aot.Storage.ResourceSetAttribute";

    public KnownSymbols(Compilation compilation)
    {
        ResourceSetAttribute = compilation.GetTypeByMetadataName(ResourceSetAttributeName);
        ResourceKindAttribute = compilation.GetTypeByMetadataName("Aot.Storage.ResourceKindAttribute");
        JsonUnionAttribute = compilation.GetTypeByMetadataName("Aot.Storage.JsonUnionAttribute");
        UnionCaseAttribute = compilation.GetTypeByMetadataName("Aot.Storage.UnionCaseAttribute");
        UnknownUnionCaseAttribute = compilation.GetTypeByMetadataName("Aot.Storage.UnknownUnionCaseAttribute");
        UnionTagFromAttribute = compilation.GetTypeByMetadataName("Aot.Storage.UnionTagFromAttribute");
        JsonEmbeddedAttribute = compilation.GetTypeByMetadataName("Aot.Storage.JsonEmbeddedAttribute");
        RawJson = compilation.GetTypeByMetadataName("Aot.Storage.Json.RawJson");
        Timestamp = compilation.GetTypeByMetadataName("Aot.Storage.Json.Timestamp");
        IPAddress = compilation.GetTypeByMetadataName("System.Net.IPAddress");
        List = compilation.GetTypeByMetadataName("System.Collections.Generic.List`1");
        Dictionary = compilation.GetTypeByMetadataName("System.Collections.Generic.Dictionary`2");
        JsonPropertyNameAttribute = compilation.GetTypeByMetadataName("System.Text.Json.Serialization.JsonPropertyNameAttribute");
        JsonIgnoreAttribute = compilation.GetTypeByMetadataName("System.Text.Json.Serialization.JsonIgnoreAttribute");
    }

    public INamedTypeSymbol? ResourceSetAttribute { get; }

    public INamedTypeSymbol? ResourceKindAttribute { get; }

    public INamedTypeSymbol? JsonUnionAttribute { get; }

    public INamedTypeSymbol? UnionCaseAttribute { get; }

    public INamedTypeSymbol? UnknownUnionCaseAttribute { get; }

    public INamedTypeSymbol? UnionTagFromAttribute { get; }

    public INamedTypeSymbol? JsonEmbeddedAttribute { get; }

    public INamedTypeSymbol? RawJson { get; }

    public INamedTypeSymbol? Timestamp { get; }

    public INamedTypeSymbol? IPAddress { get; }

    public INamedTypeSymbol? List { get; }

    public INamedTypeSymbol? Dictionary { get; }

    public INamedTypeSymbol? JsonPropertyNameAttribute { get; }

    public INamedTypeSymbol? JsonIgnoreAttribute { get; }

    public static bool Is(ISymbol? symbol, INamedTypeSymbol? known) =>
        known is not null && SymbolEqualityComparer.Default.Equals(symbol, known);

    public static AttributeData? Find(ISymbol symbol, INamedTypeSymbol? attribute)
    {
        if (attribute is null)
        {
            return null;
        }

        foreach (AttributeData data in symbol.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(data.AttributeClass, attribute))
            {
                return data;
            }
        }

        return null;
    }
}
