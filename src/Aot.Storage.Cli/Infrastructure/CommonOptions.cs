using System.CommandLine;
using System.Globalization;

namespace Aot.Storage.Cli.Infrastructure;

/// <summary>Options that several commands share.</summary>
internal static class CommonOptions
{
    /// <summary>Longest wait accepted, about 24 days (what a timer can wait).</summary>
    private const double MaxTimeoutSeconds = int.MaxValue / 1000.0;

    /// <summary><c>--timeout SECONDS</c>: how long to wait for the pod lock (fractions allowed; 0 tries once).</summary>
    public static Option<TimeSpan?> LockTimeout(string description) => new("--timeout")
    {
        Description = description,
        HelpName = "SECONDS",
        CustomParser = result =>
        {
            string token = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
            if (double.TryParse(token, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double seconds)
                && seconds <= MaxTimeoutSeconds)
            {
                return TimeSpan.FromSeconds(seconds);
            }

            result.AddError($"--timeout expects a number of seconds from 0 to {MaxTimeoutSeconds:0}, not '{Text.OneLine(token)}'");
            return null;
        },
    };
}
