using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Aot.Storage.Generators.Tests.Infrastructure;

/// <summary>A diagnostic a test expects: its ID, the marked span it must be reported at, and text its message must contain.</summary>
internal sealed record ExpectedDiagnostic(string Id, int Marker, params string[] MessageContains);

/// <summary>
/// Checks the analyzer on a marked-up declaration: exactly the expected diagnostics (ID, location, message
/// text), and the generator emits nothing for it, without exception.
/// </summary>
internal static class DiagnosticVerifier
{
    public const string FileName = "Declarations.cs";

    public static async Task<ImmutableArray<Diagnostic>> VerifyAsync(string markupSource, params ExpectedDiagnostic[] expected)
    {
        ImmutableArray<Diagnostic> actual = await VerifyAnalyzerAsync(markupSource, expected);
        AssertGeneratesNothing(Markup.Parse(markupSource).Text);
        return actual;
    }

    /// <summary>Only the analyzer half of <see cref="VerifyAsync"/>.</summary>
    public static async Task<ImmutableArray<Diagnostic>> VerifyAnalyzerAsync(string markupSource, params ExpectedDiagnostic[] expected)
    {
        Markup markup = Markup.Parse(markupSource);
        Compilation compilation = TestCompilation.Create(new TestSource(FileName, markup.Text));

        // The declarations themselves must be valid C#, so that only the analyzer's verdict is tested.
        ImmutableArray<Diagnostic> compilerErrors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToImmutableArray();
        Assert.True(compilerErrors.IsEmpty, "The test source does not compile:" + Environment.NewLine + TestCompilation.Describe(compilerErrors));

        ImmutableArray<Diagnostic> actual = await AnalyzerHarness.AnalyzeAsync(compilation);
        string report = "Expected:" + Environment.NewLine
            + string.Join(Environment.NewLine, expected.Select(e => $"  {e.Id} at #{e.Marker} {Describe(markup.Spans[e.Marker], markup.Text)}"))
            + Environment.NewLine + "Actual:" + Environment.NewLine
            + string.Join(Environment.NewLine, actual.Select(d => $"  {d.Id} at {Describe(d.Location.SourceSpan, markup.Text)}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}"));
        Assert.True(expected.Length == actual.Length, report);

        var remaining = actual.ToList();
        foreach (ExpectedDiagnostic expectation in expected)
        {
            TextSpan span = markup.Spans[expectation.Marker];
            Diagnostic? match = remaining.FirstOrDefault(d =>
                d.Id == expectation.Id
                && d.Location.IsInSource
                && d.Location.SourceTree!.FilePath == FileName
                && d.Location.SourceSpan == span);
            Assert.True(match is not null, $"No {expectation.Id} at #{expectation.Marker}.{Environment.NewLine}{report}");
            remaining.Remove(match);

            Assert.Equal(DiagnosticSeverity.Error, match.Severity);
            string message = match.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
            foreach (string part in expectation.MessageContains)
            {
                Assert.Contains(part, message, StringComparison.Ordinal);
            }
        }

        return actual;
    }

    /// <summary>An invalid declaration generates no source at all, and the generator neither throws nor reports.</summary>
    public static void AssertGeneratesNothing(string source)
    {
        GeneratorRun run = GeneratorHarness.Run(TestCompilation.Create(new TestSource(FileName, source)));
        run.AssertNoGeneratorFailure();
        Assert.Empty(run.Result.GeneratedSources);
    }

    private static string Describe(TextSpan span, string text) =>
        span.End <= text.Length ? $"{span} '{text.Substring(span.Start, span.Length)}'" : span.ToString();
}
