using System.Collections.Immutable;
using Aot.Storage.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Aot.Storage.Generators.Diagnostics;

/// <summary>
/// Reports what makes a resource-set declaration invalid. It runs the generator's own parser, so a
/// declaration the analyzer accepts is one the generator emits code for.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ResourceSetAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.SetMustBePartial,
        DiagnosticDescriptors.DuplicateKindName,
        DiagnosticDescriptors.DuplicateFileName,
        DiagnosticDescriptors.PayloadOutsideScope,
        DiagnosticDescriptors.MissingPayload,
        DiagnosticDescriptors.UnsupportedType,
        DiagnosticDescriptors.CaseWithoutTag,
        DiagnosticDescriptors.DuplicateTag,
        DiagnosticDescriptors.CaseOutsideUnion,
        DiagnosticDescriptors.NoUsableConstructor,
        DiagnosticDescriptors.InvalidKindDeclaration,
        DiagnosticDescriptors.InvalidTagSource,
        DiagnosticDescriptors.InvalidLockKind,
        DiagnosticDescriptors.InvalidUnknownCase,
        DiagnosticDescriptors.MissingTagSource,
        DiagnosticDescriptors.InvalidEmbedding,
        DiagnosticDescriptors.DuplicateJsonName,
        DiagnosticDescriptors.ContextNameConflict);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var known = new KnownSymbols(start.Compilation);
            if (known.ResourceSetAttribute is null)
            {
                return;
            }

            start.RegisterSymbolAction(symbolContext => AnalyzeType(symbolContext, known), SymbolKind.NamedType);
        });
    }

    private static void AnalyzeType(SymbolAnalysisContext context, KnownSymbols known)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        if (KnownSymbols.Find(type, known.ResourceSetAttribute) is not null)
        {
            ParseResult result = ResourceSetParser.Parse(type, context.Compilation, context.CancellationToken);
            foreach (Diagnostic diagnostic in result.Diagnostics)
            {
                context.ReportDiagnostic(diagnostic);
            }
        }

        bool isCase = KnownSymbols.Find(type, known.UnionCaseAttribute) is not null || KnownSymbols.Find(type, known.UnknownUnionCaseAttribute) is not null;
        if (isCase && !DerivesFromUnion(type, known))
        {
            Location location = type.Locations.Length > 0 ? type.Locations[0] : Location.None;
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.CaseOutsideUnion, location, type.Name));
        }
    }

    private static bool DerivesFromUnion(INamedTypeSymbol type, KnownSymbols known)
    {
        for (INamedTypeSymbol? current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (KnownSymbols.Find(current, known.JsonUnionAttribute) is not null)
            {
                return true;
            }
        }

        return false;
    }
}
