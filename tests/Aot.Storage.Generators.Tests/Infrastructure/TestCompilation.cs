using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Aot.Storage.Generators.Tests.Infrastructure;

/// <summary>One source file of a test compilation.</summary>
internal sealed record TestSource(string Path, string Text);

/// <summary>
/// Builds the compilations the tests run the generator and the analyzer on: a class library with nullable
/// enabled, the latest language version, every warning wave and documentation comments diagnosed (as in a
/// project with GenerateDocumentationFile), referencing the running runtime and Aot.Storage.dll.
/// </summary>
internal static class TestCompilation
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> s_references = new(LoadReferences);

    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest, DocumentationMode.Diagnose);

    public static CSharpCompilationOptions Options { get; } = new CSharpCompilationOptions(
            OutputKind.DynamicallyLinkedLibrary,
            nullableContextOptions: NullableContextOptions.Enable,
            warningLevel: 9999)
        .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic>
        {
            // The repository's own policy (Directory.Build.props): a missing doc comment or param tag is not an error.
            ["CS1591"] = ReportDiagnostic.Suppress,
            ["CS1573"] = ReportDiagnostic.Suppress,
        });

    public static ImmutableArray<MetadataReference> References => s_references.Value;

    public static CSharpCompilation Create(params TestSource[] sources) =>
        CSharpCompilation.Create(
            "TestAssembly",
            sources.Select(s => Parse(s.Text, s.Path)),
            References,
            Options);

    /// <summary>A compilation of one file, <c>Declarations.cs</c>.</summary>
    public static CSharpCompilation Create(string source) => Create(new TestSource("Declarations.cs", source));

    public static SyntaxTree Parse(string text, string path) => CSharpSyntaxTree.ParseText(text, ParseOptions, path);

    /// <summary>Errors and warnings of a compilation (after generation), as readable lines for assertion messages.</summary>
    public static string Describe(IEnumerable<Diagnostic> diagnostics) =>
        string.Join(Environment.NewLine, diagnostics.Select(d => d.ToString()));

    public static ImmutableArray<Diagnostic> WarningsAndErrors(Compilation compilation) =>
        compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToImmutableArray();

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        // The trusted platform assemblies of the running runtime (the shared framework directory), plus
        // Aot.Storage for the declaration attributes and the runtime types the generated code uses.
        string frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        string trusted = (string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!;
        var paths = trusted.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(p => string.Equals(Path.GetDirectoryName(p), frameworkDirectory, StringComparison.Ordinal))
            .ToList();
        paths.Add(typeof(ResourceSetAttribute).Assembly.Location);
        return paths
            .Distinct(StringComparer.Ordinal)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();
    }
}
