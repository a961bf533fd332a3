using System.Globalization;
using System.Text;
using Aot.Storage.Json;

namespace Aot.Storage.Tests.Json;

/// <summary>
/// <see cref="GoJsonWriter.WriteString(string?)"/> (and its overload with a prefix) against a character-by-character model of Go's escaping, for
/// strings that reach each of the writer's paths: short strings (no vector, 4-7 and 8-15 characters as two
/// halves), 16 and 32 characters at a time with an overlapping last block, the escape loop (16-character blocks,
/// then one character at a time for the last 15) and its 512-character chunks, random mixes, non-ASCII text after an ASCII prefix, strings longer than the room asked
/// at once, and outputs that hand out only the span asked for, so that the writer grows in the middle of a string.
/// </summary>
public class GoJsonWriterStringTests
{
    // Printable ASCII that Go keeps as it is, DEL included.
    private const string Plain = "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/-_.:=+@#$%'()*,;?[]^`{|}~\u007f";

    private static readonly string[] s_intruders =
    [
        "\"", "\\", "<", ">", "&", "\n", "\r", "\t", "\b", "\f", "\u0000", "\u001f",
        "é", "ÿ", "\u0100", "\u0122", "\u013c", "\u015c", "日", "\uff3c", "\u2028", "\u2029",
        "\U0001F600", "\ud83d", "\ude00",
    ];

    private static readonly int[] s_lengths =
    [
        .. Enumerable.Range(0, 72), 95, 96, 97, 127, 128, 129, 255, 256, 257, 511, 512, 513, 1000, 4095, 4096, 4097, 5000,
    ];

    [Fact]
    public void Plain_strings_of_every_path_length()
    {
        foreach (int length in s_lengths)
        {
            AssertLikeGo(Text(length));
        }
    }

    [Fact]
    public void One_character_to_escape_or_transcode_at_the_start_middle_or_end()
    {
        foreach (int length in s_lengths.Where(l => l > 0))
        {
            foreach (string intruder in s_intruders)
            {
                foreach (int position in Positions(length))
                {
                    string text = Text(length);
                    AssertLikeGo(text.Substring(0, position) + intruder + text.Substring(position + 1));
                }
            }
        }
    }

    [Fact]
    public void Many_characters_to_escape_across_chunks()
    {
        // JSON inside a string, as annotations hold it, and runs of escapes longer than a chunk.
        string json = "{\"ociVersion\":\"1.0.0\",\"process\":{\"env\":[\"A=<b> & c\"],\"cwd\":\"/\"}}";
        AssertLikeGo(json);
        AssertLikeGo(string.Concat(Enumerable.Repeat(json, 40)));
        AssertLikeGo(new string('"', 1500));
        AssertLikeGo(new string('\u0001', 1100));
        AssertLikeGo(new string('<', 511) + "é" + new string('&', 600) + Text(3000));
        AssertLikeGo("\"" + Text(6000));
        AssertLikeGo(Text(4500) + "\"" + Text(2000) + "\u2028" + Text(100));
    }

    [Fact]
    public void Random_mixes_of_plain_escaped_and_non_ascii_characters()
    {
        // Escapes at every distance from each other and from the writer's 16-character blocks.
        var random = new Random(2028);
        string[] pieces = [.. s_intruders, .. Plain.Select(c => c.ToString())];
        for (int i = 0; i < 3000; i++)
        {
            int length = random.Next(0, i < 2500 ? 64 : 700);
            double escapeShare = random.NextDouble();
            var text = new StringBuilder(length);
            while (text.Length < length)
            {
                text.Append(random.NextDouble() < escapeShare ? s_intruders[random.Next(12)] : pieces[random.Next(pieces.Length)]);
            }

            AssertLikeGo(text.ToString());
        }
    }

    [Fact]
    public void Non_ascii_text_after_an_ascii_prefix()
    {
        foreach (int prefix in new[] { 0, 1, 3, 7, 15, 16, 31, 32, 33, 600, 4096, 4200 })
        {
            AssertLikeGo(Text(prefix) + "日本語のテキスト\u2028改行\u2029" + Text(20) + "é\"<>");
            AssertLikeGo(Text(prefix) + string.Concat(Enumerable.Repeat("\U0001F600a\ud83d", 300)));
            AssertLikeGo(Text(prefix) + "\ude00\ud83d\ude00" + Text(40));
        }
    }

    private static IEnumerable<int> Positions(int length) =>
        length <= 40
            ? Enumerable.Range(0, length)
            : new[] { 0, 1, 7, 8, 15, 16, 17, 31, 32, 33, length / 2, length - 17, length - 16, length - 9, length - 8, length - 2, length - 1 }.Distinct();

    private static string Text(int length)
    {
        var text = new StringBuilder(length);
        for (int i = 0; i < length; i++)
        {
            text.Append(Plain[(i * 7) % Plain.Length]);
        }

        return text.ToString();
    }

    /// <summary>Writes <paramref name="value"/> alone, with a property name as its prefix, and after bytes of
    /// several lengths into outputs that hand out exactly the span asked for; each must be the model's bytes.</summary>
    private static void AssertLikeGo(string value)
    {
        byte[] expected = Encoding.UTF8.GetBytes(GoQuote(value));
        Assert.True(expected.AsSpan().SequenceEqual(WriterHelper.WriteBytes((ref GoJsonWriter w) => w.WriteString(value))), Describe(value));
        Assert.True(
            WriterHelper.WriteBytes((ref GoJsonWriter w) => w.WriteString(",\"Name\":"u8, value)).AsSpan().SequenceEqual([.. ",\"Name\":"u8, .. expected]),
            Describe(value) + " after a prefix");

        foreach (int before in new[] { 0, 1, 100, 250, 255 })
        {
            var output = new TinySpanBufferWriter();
            var writer = new GoJsonWriter(output);
            writer.WriteRaw(Encoding.ASCII.GetBytes(new string('x', before)));
            writer.WriteString(value);
            writer.WriteString("{\"A\":"u8, value);
            writer.Flush();
            Assert.True(output.WrittenSpan.Slice(before).SequenceEqual([.. expected, .. "{\"A\":"u8, .. expected]), Describe(value) + $" after {before} bytes");
        }
    }

    private static string Describe(string value) =>
        $"length {value.Length}: {string.Concat(value.Take(80).Select(c => c is >= ' ' and < '\u007f' ? c.ToString() : $"\\u{(int)c:x4}"))}";

    /// <summary>Go's encoding/json, one UTF-16 code unit at a time: the model the writer must match.</summary>
    internal static string GoQuote(string value)
    {
        var quoted = new StringBuilder("\"");
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            switch (c)
            {
                case '"':
                    quoted.Append("\\\"");
                    break;
                case '\\':
                    quoted.Append("\\\\");
                    break;
                case '\n':
                    quoted.Append("\\n");
                    break;
                case '\r':
                    quoted.Append("\\r");
                    break;
                case '\t':
                    quoted.Append("\\t");
                    break;
                case < ' ' or '<' or '>' or '&' or '\u2028' or '\u2029':
                    quoted.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                    {
                        quoted.Append(c).Append(value[++i]);
                    }
                    else if (char.IsSurrogate(c))
                    {
                        quoted.Append("\\ufffd");
                    }
                    else
                    {
                        quoted.Append(c);
                    }

                    break;
            }
        }

        return quoted.Append('"').ToString();
    }
}
