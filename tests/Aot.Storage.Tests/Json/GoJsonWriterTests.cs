using System.Buffers;
using System.Globalization;
using System.Net;
using System.Text;
using Aot.Storage.Json;

namespace Aot.Storage.Tests.Json;

public class GoJsonWriterTests
{
    [Theory]
    [InlineData("", "\"\"")]
    [InlineData("plain text / slash", "\"plain text / slash\"")]
    [InlineData("q\"b\\", "\"q\\\"b\\\\\"")]
    [InlineData("\n\r\t", "\"\\n\\r\\t\"")]
    [InlineData("\b\f", "\"\\u0008\\u000c\"")]
    [InlineData("\u0000\u0001\u001f", "\"\\u0000\\u0001\\u001f\"")]
    [InlineData("\u001b[0m", "\"\\u001b[0m\"")]
    [InlineData("<a&b>", "\"\\u003ca\\u0026b\\u003e\"")]
    [InlineData("\u2028\u2029", "\"\\u2028\\u2029\"")]
    [InlineData("\u007f", "\"\u007f\"")]
    [InlineData("é", "\"é\"")]
    [InlineData("日本", "\"日本\"")]
    [InlineData("\U0001F600", "\"\U0001F600\"")]
    [InlineData("'+`", "\"'+`\"")]
    public void WriteString_escapes_like_go(string value, string expected)
    {
        Assert.Equal(expected, WriterHelper.Write((ref GoJsonWriter w) => w.WriteString(value)));
        byte[] utf8 = Encoding.UTF8.GetBytes(value);
        Assert.Equal(expected, WriterHelper.Write((ref GoJsonWriter w) => w.WriteStringUtf8(utf8)));
    }

    // Every ASCII character, alone and in the middle of strings long enough for the 16- and 32-wide paths, from
    // UTF-16 and from UTF-8, against Go's rules spelled out here rather than taken from the writer's own table.
    [Fact]
    public void WriteString_escapes_every_ascii_character_like_go()
    {
        for (int c = 0; c < 0x80; c++)
        {
            string expected = c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                < 0x20 or '<' or '>' or '&' => "\\u" + c.ToString("x4", CultureInfo.InvariantCulture),
                _ => ((char)c).ToString(),
            };

            foreach (int padding in new[] { 0, 3, 20, 40 })
            {
                string pad = new('x', padding);
                string value = pad + (char)c + pad;
                string quoted = "\"" + pad + expected + pad + "\"";
                Assert.Equal(quoted, WriterHelper.Write((ref GoJsonWriter w) => w.WriteString(value)));
                byte[] utf8 = Encoding.UTF8.GetBytes(value);
                Assert.Equal(quoted, WriterHelper.Write((ref GoJsonWriter w) => w.WriteStringUtf8(utf8)));
            }
        }
    }

    [Fact]
    public void WriteString_matches_probe_P38()
    {
        string value = "<a href=\"x\">&amp;</a> \u2028 \u2029 \u007f é \t";
        Assert.Equal(
            "\"\\u003ca href=\\\"x\\\"\\u003e\\u0026amp;\\u003c/a\\u003e \\u2028 \\u2029 \u007f é \\t\"",
            WriterHelper.Write((ref GoJsonWriter w) => w.WriteString(value)));
    }

    [Fact]
    public void WriteString_null_is_empty_string() =>
        Assert.Equal("\"\"", WriterHelper.Write((ref GoJsonWriter w) => w.WriteString(null)));

    [Theory]
    [InlineData("a", 0xD800, "b", "\"a\\ufffdb\"")]
    [InlineData("", 0xDC00, "", "\"\\ufffd\"")]
    [InlineData("x", 0xD83D, "", "\"x\\ufffd\"")]
    [InlineData("", 0xD83D, "<", "\"\\ufffd\\u003c\"")]
    [InlineData("", 0xDE00, "\U0001F600", "\"\\ufffd\U0001F600\"")]
    public void WriteString_lone_surrogate_is_replacement_escape(string before, int surrogate, string after, string expected)
    {
        // Built here: test data serialization would replace a lone surrogate before the test sees it.
        string value = before + (char)surrogate + after;
        Assert.Equal(expected, WriterHelper.Write((ref GoJsonWriter w) => w.WriteString(value)));
    }

    [Fact]
    public void WriteString_reversed_surrogate_pair_is_two_replacements()
    {
        string value = "\uDE00\uD83D";
        Assert.Equal("\"\\ufffd\\ufffd\"", WriterHelper.Write((ref GoJsonWriter w) => w.WriteString(value)));
    }

    [Fact]
    public void WriteStringUtf8_invalid_bytes_each_become_replacement_escape()
    {
        // P39: "bad\xffbyte"; a truncated sequence gives one \ufffd per byte, as Go decodes byte by byte.
        byte[] bad = [.. "bad"u8, 0xFF, .. "byte"u8];
        Assert.Equal("\"bad\\ufffdbyte\"", WriterHelper.Write((ref GoJsonWriter w) => w.WriteStringUtf8(bad)));
        byte[] truncated = [0xE2, 0x82, (byte)'A'];
        Assert.Equal("\"\\ufffd\\ufffdA\"", WriterHelper.Write((ref GoJsonWriter w) => w.WriteStringUtf8(truncated)));
        byte[] encodedSurrogate = [0xED, 0xA0, 0x80];
        Assert.Equal("\"\\ufffd\\ufffd\\ufffd\"", WriterHelper.Write((ref GoJsonWriter w) => w.WriteStringUtf8(encodedSurrogate)));
        byte[] overlong = [0xC0, 0xAF];
        Assert.Equal("\"\\ufffd\\ufffd\"", WriterHelper.Write((ref GoJsonWriter w) => w.WriteStringUtf8(overlong)));
    }

    [Fact]
    public void WriteString_long_text_crosses_buffer_boundaries()
    {
        var source = new StringBuilder();
        var expected = new StringBuilder("\"");
        for (int i = 0; i < 5000; i++)
        {
            source.Append("ab<é\U0001F600\n");
            expected.Append("ab\\u003cé\U0001F600\\n");
        }

        expected.Append('"');
        string text = source.ToString();

        // A tiny-span output forces a refill in every method.
        var output = new TinySpanBufferWriter();
        var writer = new GoJsonWriter(output);
        writer.WriteString(text);
        writer.Flush();
        Assert.Equal(expected.ToString(), Encoding.UTF8.GetString(output.WrittenSpan));

        byte[] utf8 = Encoding.UTF8.GetBytes(text);
        Assert.Equal(expected.ToString(), WriterHelper.Write((ref GoJsonWriter w) => w.WriteStringUtf8(utf8)));
    }

    [Theory]
    [InlineData(0L, "0")]
    [InlineData(9L, "9")]
    [InlineData(10L, "10")]
    [InlineData(99L, "99")]
    [InlineData(-1L, "-1")]
    [InlineData(-9L, "-9")]
    [InlineData(-10L, "-10")]
    [InlineData(long.MinValue, "-9223372036854775808")]
    [InlineData(long.MaxValue, "9223372036854775807")]
    public void WriteNumber_int64(long value, string expected) =>
        Assert.Equal(expected, WriterHelper.Write((ref GoJsonWriter w) => w.WriteNumber(value)));

    [Theory]
    [InlineData(0UL, "0")]
    [InlineData(7UL, "7")]
    [InlineData(10UL, "10")]
    [InlineData(438UL, "438")]
    [InlineData(ulong.MaxValue, "18446744073709551615")]
    public void WriteNumber_uint64(ulong value, string expected) =>
        Assert.Equal(expected, WriterHelper.Write((ref GoJsonWriter w) => w.WriteNumber(value)));

    [Fact]
    public void Numbers_and_strings_after_a_prefix()
    {
        string text = WriterHelper.Write((ref GoJsonWriter w) =>
        {
            w.WriteNumber("{\"A\":"u8, 0L);
            w.WriteNumber(",\"B\":"u8, -7L);
            w.WriteNumber(",\"C\":"u8, long.MinValue);
            w.WriteNumber(",\"D\":"u8, long.MaxValue);
            w.WriteNumber(",\"E\":"u8, 9UL);
            w.WriteNumber(",\"F\":"u8, ulong.MaxValue);
            w.WriteString(",\"G\":"u8, null);
            w.WriteString(",\"H\":"u8, "a<b");
            w.WriteByte((byte)'}');
        });
        Assert.Equal(
            "{\"A\":0,\"B\":-7,\"C\":-9223372036854775808,\"D\":9223372036854775807,\"E\":9,\"F\":18446744073709551615,\"G\":\"\",\"H\":\"a\\u003cb\"}",
            text);
    }

    [Fact]
    public void Prefixed_writes_grow_an_output_that_hands_out_only_what_is_asked()
    {
        var expected = new StringBuilder();
        var output = new TinySpanBufferWriter();
        var writer = new GoJsonWriter(output);
        for (int i = 0; i < 200; i++)
        {
            // Prefixes of growing length, so that each write meets the end of a span at a different place.
            string name = new('n', i % 40);
            byte[] prefix = Encoding.ASCII.GetBytes($",\"{name}\":");
            writer.WriteNumber(prefix, -(long)i * 1_000_003);
            writer.WriteNumber(prefix, (ulong)i * 1_000_003);
            writer.WriteString(prefix, name + "é\"");
            expected.Append(CultureInfo.InvariantCulture, $",\"{name}\":{-(long)i * 1_000_003},\"{name}\":{(ulong)i * 1_000_003},\"{name}\":\"{name}é\\\"\"");
        }

        writer.Flush();
        Assert.Equal(expected.ToString(), Encoding.UTF8.GetString(output.WrittenSpan));
    }

    [Fact]
    public void Literals_and_raw()
    {
        string text = WriterHelper.Write((ref GoJsonWriter w) =>
        {
            w.WriteRaw("{\"A\":"u8);
            w.WriteBoolean(true);
            w.WriteByte((byte)',');
            w.WriteRaw("\"B\":"u8);
            w.WriteBoolean(false);
            w.WriteRaw(",\"C\":"u8);
            w.WriteNull();
            w.WriteByte((byte)'}');
        });
        Assert.Equal("{\"A\":true,\"B\":false,\"C\":null}", text);
    }

    [Fact]
    public void WriteRaw_copies_across_buffer_boundaries()
    {
        // Literals that fit, that end exactly at the end of the span, and that need the span to grow once or more.
        var expected = new List<byte>();
        var output = new TinySpanBufferWriter();
        var writer = new GoJsonWriter(output);
        foreach (int length in new[] { 1, 13, 200, 42, 1, 256, 255, 3, 70_000, 7 })
        {
            byte[] raw = Enumerable.Range(0, length).Select(i => (byte)('a' + ((i + length) % 26))).ToArray();
            writer.WriteRaw(raw);
            writer.WriteRaw(",\"Name\":"u8);
            expected.AddRange(raw);
            expected.AddRange(",\"Name\":"u8.ToArray());
        }

        writer.Flush();
        Assert.Equal(expected.ToArray(), output.WrittenSpan.ToArray());
        Assert.Equal(expected.Count, writer.BytesWritten);
    }

    [Theory]
    [InlineData(new byte[] { 0x0a, 0x58, 0x0a, 0x58, 0x00, 0x0c }, "\"ClgKWAAM\"")]
    [InlineData(new byte[] { 0xff, 0xff, 0x00, 0x00 }, "\"//8AAA==\"")]
    [InlineData(new byte[] { 0xff, 0xff, 0xff, 0x00 }, "\"////AA==\"")]
    [InlineData(new byte[] { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0, 0, 0, 0, 0 }, "\"//////////8AAAAAAAAAAA==\"")]
    [InlineData(new byte[] { (byte)'p', (byte)'s' }, "\"cHM=\"")]
    [InlineData(new byte[0], "\"\"")]
    public void WriteBase64(byte[] value, string expected) =>
        Assert.Equal(expected, WriterHelper.Write((ref GoJsonWriter w) => w.WriteBase64(value)));

    [Fact]
    public void WriteBase64_null_is_null() =>
        Assert.Equal("null", WriterHelper.Write((ref GoJsonWriter w) => w.WriteBase64(null)));

    [Fact]
    public void WriteBase64_large_array_through_small_spans()
    {
        byte[] data = new byte[10_000];
        new Random(42).NextBytes(data);
        var output = new TinySpanBufferWriter();
        var writer = new GoJsonWriter(output);
        writer.WriteBase64(data);
        writer.Flush();
        Assert.Equal("\"" + Convert.ToBase64String(data) + "\"", Encoding.ASCII.GetString(output.WrittenSpan));
    }

    [Theory]
    [InlineData("fe80::858:aff:fe58:c", "fe80::858:aff:fe58:c")]
    [InlineData("::", "::")]
    [InlineData("::1", "::1")]
    [InlineData("1::", "1::")]
    [InlineData("fe80::1", "fe80::1")]
    [InlineData("2001:db8::1:0:0:1", "2001:db8::1:0:0:1")]
    [InlineData("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1")]
    [InlineData("2001:0:0:1:0:0:0:1", "2001:0:0:1::1")]
    [InlineData("1:0:2:3:4:5:6:7", "1:0:2:3:4:5:6:7")]
    [InlineData("2001:DB8:ABCD:12::", "2001:db8:abcd:12::")]
    [InlineData("::ffff:10.0.0.1", "10.0.0.1")]
    [InlineData("::1.2.3.4", "::102:304")]
    [InlineData("::ffff:0:1.2.3.4", "::ffff:0:102:304")]
    [InlineData("10.0.0.1", "10.0.0.1")]
    [InlineData("9.10.99.100", "9.10.99.100")]
    [InlineData("101.199.200.254", "101.199.200.254")]
    [InlineData("::ffff:100.64.0.9", "100.64.0.9")]
    [InlineData("0.0.0.0", "0.0.0.0")]
    [InlineData("255.255.255.255", "255.255.255.255")]
    public void WriteIPAddress_formats_like_go(string address, string expected) =>
        Assert.Equal("\"" + expected + "\"", WriterHelper.Write((ref GoJsonWriter w) => w.WriteIPAddress(IPAddress.Parse(address))));

    [Fact]
    public void WriteIPAddress_ignores_scope_id()
    {
        var address = IPAddress.Parse("fe80::1%2");
        Assert.Equal("\"fe80::1\"", WriterHelper.Write((ref GoJsonWriter w) => w.WriteIPAddress(address)));
    }

    [Fact]
    public void WriteIPAddress_null_is_empty_string() =>
        Assert.Equal("\"\"", WriterHelper.Write((ref GoJsonWriter w) => w.WriteIPAddress(null)));

    [Fact]
    public void WriteTimestamp_quotes_go_text()
    {
        var value = new Timestamp(new DateTimeOffset(2018, 2, 23, 10, 35, 8, TimeSpan.Zero), 123456789);
        Assert.Equal("\"2018-02-23T10:35:08.123456789Z\"", WriterHelper.Write((ref GoJsonWriter w) => w.WriteTimestamp(value)));
        Assert.Equal("\"0001-01-01T00:00:00Z\"", WriterHelper.Write((ref GoJsonWriter w) => w.WriteTimestamp(default)));
    }

    [Fact]
    public void WriteRawJson_copies_bytes_or_null()
    {
        var raw = new RawJson("{\"a\":[1,2]}"u8.ToArray());
        Assert.Equal("{\"a\":[1,2]}", WriterHelper.Write((ref GoJsonWriter w) => w.WriteRawJson(raw)));
        Assert.Equal("null", WriterHelper.Write((ref GoJsonWriter w) => w.WriteRawJson(null)));
    }

    [Fact]
    public void Flush_hands_everything_over_and_writer_continues()
    {
        var output = new ArrayBufferWriter<byte>();
        var writer = new GoJsonWriter(output);
        writer.WriteRaw("["u8);
        writer.WriteNumber(1);
        writer.Flush();
        Assert.Equal("[1", Encoding.UTF8.GetString(output.WrittenSpan));
        writer.WriteRaw("]"u8);
        writer.Flush();
        Assert.Equal("[1]", Encoding.UTF8.GetString(output.WrittenSpan));
        Assert.Equal(3, writer.BytesWritten);
    }

    [Fact]
    public void Writer_methods_do_not_allocate()
    {
        var output = new ArrayBufferWriter<byte>(1 << 16);
        var address = IPAddress.Parse("fe80::858:aff:fe58:c");
        byte[] mac = [0x0a, 0x58, 0x0a, 0x58, 0x00, 0x0c];
        var time = new Timestamp(new DateTimeOffset(2018, 2, 23, 10, 35, 8, TimeSpan.FromHours(1)), 5);
        var raw = new RawJson("[1]"u8.ToArray());
        WriteAll(output, address, mac, time, raw);
        output.ResetWrittenCount();

        long before = GC.GetAllocatedBytesForCurrentThread();
        WriteAll(output, address, mac, time, raw);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);

        static void WriteAll(ArrayBufferWriter<byte> output, IPAddress address, byte[] mac, Timestamp time, RawJson raw)
        {
            var writer = new GoJsonWriter(output);
            writer.WriteString("text with <html> & \"quotes\" é \U0001F600 \u2028");
            writer.WriteStringUtf8([0x62, 0xFF, 0xC3, 0xA9, 0x3C]);
            writer.WriteNumber(long.MinValue);
            writer.WriteNumber(ulong.MaxValue);
            writer.WriteString(",\"A\":"u8, "text with <html> é");
            writer.WriteNumber(",\"B\":"u8, -12345L);
            writer.WriteNumber(",\"C\":"u8, 12345UL);
            writer.WriteBase64(mac);
            writer.WriteIPAddress(address);
            writer.WriteTimestamp(time);
            writer.WriteRawJson(raw);
            writer.WriteBoolean(true);
            writer.WriteNull();
            writer.Flush();
        }
    }
}

/// <summary>An output that hands out spans of exactly the size asked for, to exercise every refill path.</summary>
internal sealed class TinySpanBufferWriter : IBufferWriter<byte>
{
    private byte[] _data = new byte[16];
    private int _written;
    private int _lastSize;

    public ReadOnlySpan<byte> WrittenSpan => _data.AsSpan(0, _written);

    public void Advance(int count)
    {
        Assert.InRange(count, 0, _lastSize);
        _written += count;
        _lastSize = 0;
    }

    public Memory<byte> GetMemory(int sizeHint = 0) => throw new NotSupportedException();

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        int size = Math.Max(sizeHint, 1);
        if (_data.Length - _written < size)
        {
            Array.Resize(ref _data, Math.Max(_data.Length * 2, _written + size));
        }

        _lastSize = size;
        return _data.AsSpan(_written, size);
    }
}
