using System.Globalization;
using System.Text;

// Every test here starts processes, fills file systems or measures lock latencies: one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Aot.Storage.ReliabilityTests.Infrastructure;

/// <summary>Trial counts and the figures of a run.</summary>
internal static class Reliability
{
    /// <summary>Set to <c>1</c> for the long mode (five times the trials), or to a number above 1 for that factor.</summary>
    public const string LongModeVariable = "AOT_STORAGE_LONG";

    /// <summary>If set, the figures of the run are appended to this file as well.</summary>
    public const string FiguresVariable = "AOT_STORAGE_FIGURES";

    private static readonly object s_figuresLock = new();
    private static readonly UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>1 in the default mode; 5 with <c>AOT_STORAGE_LONG=1</c>; n with <c>AOT_STORAGE_LONG=n</c> (n ≥ 2).</summary>
    public static int Factor { get; } = ParseFactor(Environment.GetEnvironmentVariable(LongModeVariable));

    public static bool IsLong => Factor > 1;

    public static string ModeName => IsLong ? $"long (x{Factor})" : "default";

    /// <summary>A trial count of the default mode, multiplied in the long mode.</summary>
    public static int Trials(int defaultCount) => checked(defaultCount * Factor);

    /// <summary>
    /// One line of figures: written to the test output and appended to <c>reliability-figures.txt</c> beside
    /// the test assembly (and to <c>$AOT_STORAGE_FIGURES</c>), which docs/reliability.md is written from.
    /// </summary>
    public static void Figure(ITestOutputHelper output, string goal, string text)
    {
        string line = string.Create(CultureInfo.InvariantCulture, $"{DateTime.UtcNow:yyyy-MM-ddTHH:mm:ssZ} {goal} [{ModeName}] {text}");
        output.WriteLine(line);
        lock (s_figuresLock)
        {
            File.AppendAllText(Path.Combine(AppContext.BaseDirectory, "reliability-figures.txt"), line + "\n", s_utf8);
            string? extra = Environment.GetEnvironmentVariable(FiguresVariable);
            if (!string.IsNullOrEmpty(extra))
            {
                File.AppendAllText(extra, line + "\n", s_utf8);
            }
        }
    }

    private static int ParseFactor(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value == "0")
        {
            return 1;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n >= 2 ? n : 5;
    }
}
