using System.Buffers;
using System.Globalization;
using System.Text;

namespace Aot.Storage.Cli.Infrastructure;

/// <summary>Helpers that keep what is printed on one line and safe to paste into a shell.</summary>
internal static class Text
{
    private static readonly SearchValues<char> s_plainShellCharacters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-./:=+,@%");

    /// <summary>
    /// <paramref name="value"/> with every control character escaped (<c>\n</c>, <c>\t</c>, <c>\u001b</c>),
    /// so that an error message stays one line whatever the user typed.
    /// </summary>
    public static string OneLine(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return value ?? string.Empty;
        }

        if (!NeedsEscaping(value))
        {
            return value;
        }

        var sb = new StringBuilder(value.Length + 16);
        foreach (char c in value)
        {
            switch (c)
            {
                case '\n':
                    sb.Append("\\n");
                    break;
                case '\r':
                    sb.Append("\\r");
                    break;
                case '\t':
                    sb.Append("\\t");
                    break;
                default:
                    if (IsControl(c))
                    {
                        sb.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return sb.ToString();
    }

    /// <summary>A word as the shell reads it back: bare when it is plain, else in single quotes.</summary>
    public static string ShellQuote(string value)
    {
        if (value.Length > 0 && value.AsSpan().IndexOfAnyExcept(s_plainShellCharacters) < 0)
        {
            return value;
        }

        return "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }

    private static bool NeedsEscaping(string value)
    {
        foreach (char c in value)
        {
            if (IsControl(c))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsControl(char c) => c < ' ' || c == '\u007f' || c is >= '\u0080' and <= '\u009f' || c is '\u2028' or '\u2029';
}
