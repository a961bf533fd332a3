using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;
using Aot.Storage.PackageTests.Infrastructure;
using Aot.Storage.Tests.Trimming;

namespace Aot.Storage.PackageTests.Packaging;

/// <summary>What <c>dotnet pack src/Aot.Storage</c> puts into the one package: the library, the generator as an analyzer, and the metadata.</summary>
[Collection(PublishingCollection.Name)]
public sealed class PackageContentTests
{
    private readonly PublishedArtifacts _artifacts;

    public PackageContentTests(PublishedArtifacts artifacts)
    {
        _artifacts = artifacts;
    }

    [Fact]
    public void Pack_produces_one_package_and_its_symbols_at_the_version_of_Directory_Build_props()
    {
        PackedPackage package = _artifacts.Package;

        string[] files = [.. Directory.EnumerateFiles(package.FeedDirectory).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];

        XElement nuspec = package.Nuspec();
        XNamespace ns = nuspec.Name.Namespace;

        Assert.Equal([$"Aot.Storage.{package.Version}.nupkg", $"Aot.Storage.{package.Version}.snupkg"], files);
        Assert.Equal(package.Version, nuspec.Element(ns + "metadata")?.Element(ns + "version")?.Value);
    }

    [Fact]
    public void Library_is_the_only_lib_assembly_and_the_generator_is_a_CSharp_analyzer()
    {
        IReadOnlyDictionary<string, byte[]> entries = _artifacts.Package.Entries();

        string[] assemblies = [.. entries.Keys.Where(e => e.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))];
        Assert.Equal(["analyzers/dotnet/cs/Aot.Storage.Generators.dll", "lib/net10.0/Aot.Storage.dll"], assemblies);
        Assert.Contains("lib/net10.0/Aot.Storage.xml", entries.Keys);
        Assert.DoesNotContain(entries.Keys, e => e.StartsWith("lib/", StringComparison.Ordinal) && e.Contains("Generators", StringComparison.Ordinal));
    }

    [Fact]
    public void Nuspec_has_the_readme_license_expression_repository_and_tags()
    {
        XElement nuspec = _artifacts.Package.Nuspec();
        XNamespace ns = nuspec.Name.Namespace;
        XElement metadata = nuspec.Element(ns + "metadata")!;

        Assert.Equal("Aot.Storage", metadata.Element(ns + "id")?.Value);
        XElement license = metadata.Element(ns + "license")!;
        Assert.Equal("expression", license.Attribute("type")?.Value);
        Assert.Equal("MIT", license.Value);
        Assert.Equal("PACKAGE.md", metadata.Element(ns + "readme")?.Value);
        Assert.Contains("PACKAGE.md", _artifacts.Package.Entries().Keys);
        XElement repository = metadata.Element(ns + "repository")!;
        Assert.Equal("git", repository.Attribute("type")?.Value);
        Assert.StartsWith("https://github.com/", repository.Attribute("url")?.Value, StringComparison.Ordinal);
        Assert.Matches("^[0-9a-f]{40}$", repository.Attribute("commit")?.Value ?? string.Empty);
        string[] tags = (metadata.Element(ns + "tags")?.Value ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Superset(new HashSet<string>(["nativeaot", "source-generator", "virtcontainers", "json"]), new HashSet<string>(tags));
        Assert.False(string.IsNullOrWhiteSpace(metadata.Element(ns + "description")?.Value));
    }

    [Fact]
    public void The_only_dependency_is_the_logging_abstractions_and_the_generator_is_not_one()
    {
        XElement nuspec = _artifacts.Package.Nuspec();
        XNamespace ns = nuspec.Name.Namespace;

        string[] dependencies = [.. nuspec.Descendants(ns + "dependency").Select(d => d.Attribute("id")!.Value)];

        Assert.Equal(["Microsoft.Extensions.Logging.Abstractions"], dependencies);
    }

    [Fact]
    public void Symbols_package_holds_the_library_pdb()
    {
        IReadOnlyDictionary<string, byte[]> symbols = PackedPackage.ReadEntries(_artifacts.Package.SymbolsPackagePath);

        Assert.Contains("lib/net10.0/Aot.Storage.pdb", symbols.Keys);
    }

    [Fact]
    public void Packaged_library_references_no_reflection()
    {
        string path = Extract("lib/net10.0/Aot.Storage.dll");

        IReadOnlyList<string> findings = ReflectionUsageScanner.Scan(path);

        Assert.True(findings.Count == 0, "The packaged Aot.Storage.dll references reflection:" + Environment.NewLine + string.Join(Environment.NewLine, findings));
    }

    [Fact]
    public void Packaged_generator_targets_netstandard20_and_at_most_the_pinned_Roslyn()
    {
        // A generator built against a newer Roslyn than the compiler that loads it is silently skipped.
        string path = Extract("analyzers/dotnet/cs/Aot.Storage.Generators.dll");
        using var pe = new PEReader(File.OpenRead(path));
        MetadataReader reader = pe.GetMetadataReader();

        var references = reader.AssemblyReferences.Select(h => reader.GetAssemblyReference(h)).ToDictionary(r => reader.GetString(r.Name), r => r.Version);

        Assert.True(references.ContainsKey("netstandard"), "The generator must target netstandard2.0.");
        Assert.Equal(new Version(2, 0, 0, 0), references["netstandard"]);
        Assert.True(references["Microsoft.CodeAnalysis"] <= Version.Parse(RepositoryLayout.RoslynVersionForGenerator + ".0"), $"Microsoft.CodeAnalysis {references["Microsoft.CodeAnalysis"]}");
    }

    private string Extract(string entry)
    {
        string path = Path.Combine(_artifacts.WorkDirectory, "extracted", entry);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, _artifacts.Package.Entries()[entry]);
        return path;
    }
}
