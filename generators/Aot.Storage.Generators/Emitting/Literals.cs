using System.Globalization;
using System.Text;

namespace Aot.Storage.Generators.Emitting;

/// <summary>Turns strings into C# literals: plain string literals, and UTF-8 literals of Go-escaped JSON text.</summary>
internal static class Literals
{
    /// <summary>A C# string literal of <paramref name="value"/>.</summary>
    public static string String(string value) => Quote(value, goJson: false);

    /// <summary>A C# UTF-8 literal (<c>"..."u8</c>) of <paramref name="text"/>: JSON text, or a member name for messages.</summary>
    public static string Utf8(string text) => String(text) + "u8";

    /// <summary>A JSON string token as Go's encoding/json writes it (the generator needs it for names and tags).</summary>
    public static string GoJsonString(string value) => Quote(value, goJson: true);

    // One escaper for both: a C# literal escapes every non-printable or non-ASCII char as \uXXXX; Go's JSON
    // uses \n \r \t, escapes <, >, & and U+2028/9 (HTML-safe), and keeps other non-ASCII text raw.
    private static string Quote(string value, bool goJson)
    {
        var builder = new StringBuilder(value.Length + 2);
        builder.Append('"');
        foreach (char c in value)
        {
            switch (c)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case '\n' when goJson:
                    builder.Append("\\n");
                    break;
                case '\r' when goJson:
                    builder.Append("\\r");
                    break;
                case '\t' when goJson:
                    builder.Append("\\t");
                    break;
                default:
                    bool escape = goJson
                        ? c < 0x20 || c is '<' or '>' or '&' or '\u2028' or '\u2029'
                        : c < 0x20 || c > 0x7e;
                    if (escape)
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.Append('"').ToString();
    }
}
