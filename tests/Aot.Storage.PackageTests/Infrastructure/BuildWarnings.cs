using System.Text.RegularExpressions;

namespace Aot.Storage.PackageTests.Infrastructure;

/// <summary>Warnings (and warnings turned into errors) in the output of a build.</summary>
internal static partial class BuildWarnings
{
    /// <summary>Every distinct line reporting a trimming (IL2xxx) or AOT (IL3xxx) diagnostic, as warning or as error.</summary>
    public static IReadOnlyList<string> TrimmingAndAot(CommandResult result) =>
        [.. result.Lines.Where(line => TrimOrAotDiagnostic().IsMatch(line)).Distinct(StringComparer.Ordinal)];

    /// <summary>Every distinct line reporting any warning with a code (CS, IL, NU, CA, ...).</summary>
    public static IReadOnlyList<string> All(CommandResult result) =>
        [.. result.Lines.Where(line => AnyWarning().IsMatch(line)).Distinct(StringComparer.Ordinal)];

    // MSBuild: "file(1,2): warning IL2026: ..."; the AOT compiler: "ILC : Trim analysis warning IL2026: ...".
    [GeneratedRegex(@"\b(warning|error)\s+IL[23]\d{3}\b")]
    private static partial Regex TrimOrAotDiagnostic();

    [GeneratedRegex(@"\bwarning\s+[A-Z]{2,}\d{3,}\b")]
    private static partial Regex AnyWarning();
}
