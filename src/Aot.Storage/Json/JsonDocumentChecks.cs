using System.Text.Json;

namespace Aot.Storage.Json;

/// <summary>Whole-document rules shared by <see cref="JsonCodec{T}.Deserialize"/> and <see cref="RawJson.Parse"/>:
/// what Go's <c>json.Unmarshal</c> rejects before and after the value, and how reader failures are reported.</summary>
internal static class JsonDocumentChecks
{
    public const string UnexpectedEnd = "unexpected end of JSON input";

    /// <summary>Made at each use (three field stores) rather than kept in a static field, which would cost every process
    /// a class constructor: the compiler cannot pre-initialize it, because the setters validate.</summary>
    public static JsonReaderOptions ReaderOptions => new()
    {
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
        MaxDepth = 512,
    };

    /// <summary>Rejects an empty or whitespace-only document and a UTF-8 byte-order mark (which
    /// <see cref="Utf8JsonReader"/> would skip silently).</summary>
    public static void ThrowIfNoValue(ReadOnlySpan<byte> utf8Json)
    {
        if (utf8Json.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            throw new MalformedJsonException("byte-order mark is not allowed", 0);
        }

        if (IndexOfNonWhitespace(utf8Json) < 0)
        {
            throw new MalformedJsonException(UnexpectedEnd, utf8Json.Length);
        }
    }

    /// <summary>Only JSON whitespace may follow the value that ended at <paramref name="valueEnd"/>.</summary>
    public static void ThrowIfTrailingData(ReadOnlySpan<byte> utf8Json, long valueEnd)
    {
        int index = IndexOfNonWhitespace(utf8Json.Slice((int)valueEnd));
        if (index >= 0)
        {
            throw new MalformedJsonException("invalid character after top-level value", valueEnd + index);
        }
    }

    /// <summary>Exceptions of the reader (or of its getters) that mean the input is bad.</summary>
    public static bool ShouldTranslate(Exception ex) =>
        ex is not MalformedJsonException and (JsonException or InvalidOperationException or FormatException);

    /// <summary>Turns a reader failure into a <see cref="MalformedJsonException"/> with an absolute offset.</summary>
    public static MalformedJsonException Translate(Exception ex, ReadOnlySpan<byte> utf8Json, long tokenStart)
    {
        if (ex is JsonException { LineNumber: long line, BytePositionInLine: long column } jsonException)
        {
            // Go reports every input that is a valid prefix as "unexpected end of JSON input"; the reader
            // instead complains about the last token it saw.
            if (IsTruncated(utf8Json))
            {
                return new MalformedJsonException(UnexpectedEnd, utf8Json.Length, ex);
            }

            return new MalformedJsonException(StripPosition(jsonException.Message), AbsoluteOffset(utf8Json, line, column), ex);
        }

        return new MalformedJsonException(StripPosition(ex.Message), tokenStart, ex);
    }

    /// <summary>Whether <paramref name="utf8Json"/> is the valid beginning of a value that is cut short.</summary>
    private static bool IsTruncated(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json, isFinalBlock: false, new JsonReaderState(ReaderOptions));
        try
        {
            while (reader.Read())
            {
                if (reader.CurrentDepth == 0 && reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
                {
                    return false;
                }
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Index of the first byte that is not Go/JSON whitespace (space, tab, LF, CR), or -1.</summary>
    public static int IndexOfNonWhitespace(ReadOnlySpan<byte> utf8) => utf8.IndexOfAnyExcept(" \t\r\n"u8);

    /// <summary>The reader counts lines at LF only; adds the line starts back up.</summary>
    private static long AbsoluteOffset(ReadOnlySpan<byte> utf8Json, long line, long column)
    {
        int lineStart = 0;
        for (long i = 0; i < line; i++)
        {
            int next = utf8Json.Slice(lineStart).IndexOf((byte)'\n');
            if (next < 0)
            {
                break;
            }

            lineStart += next + 1;
        }

        return Math.Min(lineStart + column, utf8Json.Length);
    }

    /// <summary>Drops the reader's " LineNumber: x | BytePositionInLine: y." suffix; the offset is reported apart.</summary>
    private static string StripPosition(string message)
    {
        int index = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return index > 0 ? message.Substring(0, index).TrimEnd() : message;
    }
}
