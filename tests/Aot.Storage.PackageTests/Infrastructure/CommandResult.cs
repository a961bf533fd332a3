namespace Aot.Storage.PackageTests.Infrastructure;

/// <summary>What a finished command printed and returned.</summary>
internal sealed record CommandResult(string CommandLine, int ExitCode, string Output, TimeSpan Elapsed)
{
    public IEnumerable<string> Lines => Output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The command, its exit code and the end of its output, for an assertion message.</summary>
    public string Describe(int maxLines = 80)
    {
        string[] lines = [.. Lines];
        IEnumerable<string> tail = lines.Length <= maxLines ? lines : ["…", .. lines[^maxLines..]];
        return $"{CommandLine}{Environment.NewLine}exit code {ExitCode} after {Elapsed.TotalSeconds:F0} s{Environment.NewLine}{string.Join(Environment.NewLine, tail)}";
    }
}
