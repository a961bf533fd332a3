using System.Text;

namespace Aot.Storage.Cli.Tests.Support;

/// <summary>What one in-process run of <see cref="CliApp"/> returned and printed.</summary>
internal sealed record CliResult(int ExitCode, byte[] Stdout, string Stderr)
{
    public string Output => Encoding.UTF8.GetString(Stdout);

    /// <summary>Standard output split at <c>\n</c>, without the empty piece after a final newline.</summary>
    public string[] Lines => SplitLines(Output);

    public string[] ErrorLines => SplitLines(Stderr);

    private static string[] SplitLines(string text)
    {
        if (text.Length == 0)
        {
            return [];
        }

        string[] lines = text.Split('\n');
        return text.EndsWith('\n') ? lines[..^1] : lines;
    }

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Output}\nstderr:\n{Stderr}";
}
