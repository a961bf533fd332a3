using System.Globalization;
using System.Text;
using Aot.Storage.Json;

namespace Aot.Storage.Tests.Json;

public class JsonWritingTests
{
    private static readonly ValueWriter<string> s_writeString = static (ref GoJsonWriter w, string v) => w.WriteString(v);

    [Fact]
    public void String_keyed_map_sorted_by_utf8_bytes_probe_P44()
    {
        var map = new Dictionary<string, string> { ["b"] = "1", ["B"] = "2", ["a"] = "3", ["é"] = "4", ["_"] = "5" };
        Assert.Equal("{\"B\":\"2\",\"_\":\"5\",\"a\":\"3\",\"b\":\"1\",\"é\":\"4\"}",
            WriterHelper.Write((ref GoJsonWriter w) => JsonWriting.WriteStringKeyedMap(ref w, map, s_writeString)));
    }

    [Fact]
    public void String_keyed_map_null_empty_and_escaped_keys()
    {
        Assert.Equal("null", WriterHelper.Write((ref GoJsonWriter w) => JsonWriting.WriteStringKeyedMap(ref w, (Dictionary<string, string>?)null, s_writeString)));
        Assert.Equal("{}", WriterHelper.Write((ref GoJsonWriter w) => JsonWriting.WriteStringKeyedMap(ref w, new Dictionary<string, string>(), s_writeString)));
        var map = new Dictionary<string, string> { ["a<b"] = "x&y", ["a"] = "" };
        Assert.Equal("{\"a\":\"\",\"a\\u003cb\":\"x\\u0026y\"}",
            WriterHelper.Write((ref GoJsonWriter w) => JsonWriting.WriteStringKeyedMap(ref w, map, s_writeString)));
    }

    [Fact]
    public void String_keyed_map_orders_supplementary_after_bmp_private_use()
    {
        // UTF-16 ordinal puts U+1F600 (D83D DE00) before U+FFFD and U+E000; UTF-8 puts it after.
        var map = new Dictionary<string, int> { ["\U0001F600"] = 1, ["\uFFFD"] = 2, ["\uE000"] = 3, ["\u00FF"] = 4 };
        string text = WriterHelper.Write((ref GoJsonWriter w) => JsonWriting.WriteStringKeyedMap(ref w, map, static (ref GoJsonWriter w, int v) => w.WriteNumber(v)));
        Assert.Equal("{\"\u00FF\":4,\"\uE000\":3,\"\uFFFD\":2,\"\U0001F600\":1}", text);
    }

    [Fact]
    public void UInt_keyed_map_sorted_as_strings_probe_P42()
    {
        var map = new Dictionary<uint, string> { [1] = "a", [2] = "b", [10] = "c", [100] = "d", [9] = "e" };
        Assert.Equal("{\"1\":\"a\",\"10\":\"c\",\"100\":\"d\",\"2\":\"b\",\"9\":\"e\"}",
            WriterHelper.Write((ref GoJsonWriter w) => JsonWriting.WriteIntegerKeyedMap(ref w, map, s_writeString)));
    }

    [Fact]
    public void UInt64_keyed_map_full_range_null_and_empty()
    {
        var map = new Dictionary<ulong, string> { [ulong.MaxValue] = "m", [0] = "z", [2] = "t" };
        Assert.Equal("{\"0\":\"z\",\"18446744073709551615\":\"m\",\"2\":\"t\"}",
            WriterHelper.Write((ref GoJsonWriter w) => JsonWriting.WriteIntegerKeyedMap(ref w, map, s_writeString)));
        Assert.Equal("null", WriterHelper.Write((ref GoJsonWriter w) => JsonWriting.WriteIntegerKeyedMap(ref w, (Dictionary<ulong, string>?)null, s_writeString)));
        Assert.Equal("{}", WriterHelper.Write((ref GoJsonWriter w) => JsonWriting.WriteIntegerKeyedMap(ref w, new Dictionary<ulong, string>(), s_writeString)));
    }

    [Fact]
    public void Int64_keyed_map_sorts_negative_numbers_as_strings()
    {
        var map = new Dictionary<int, string> { [10] = "a", [-2] = "b", [0] = "c", [-10] = "d", [1] = "e", [-1] = "f" };
        Assert.Equal("{\"-1\":\"f\",\"-10\":\"d\",\"-2\":\"b\",\"0\":\"c\",\"1\":\"e\",\"10\":\"a\"}",
            WriterHelper.Write((ref GoJsonWriter w) => JsonWriting.WriteIntegerKeyedMap(ref w, map, s_writeString)));
        var extremes = new Dictionary<long, string> { [long.MaxValue] = "x", [long.MinValue] = "n" };
        Assert.Equal("{\"-9223372036854775808\":\"n\",\"9223372036854775807\":\"x\"}",
            WriterHelper.Write((ref GoJsonWriter w) => JsonWriting.WriteIntegerKeyedMap(ref w, extremes, s_writeString)));
    }

    // 16 entries are sorted on the stack, 17 and more in a pooled array: both sides of the line.
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(40)]
    public void String_keyed_map_of_any_size_is_sorted_by_utf8_bytes(int count)
    {
        string[] suffixes = ["", "a", "B", "é", "😀", "�"];
        var map = new Dictionary<string, int>();
        for (int i = 0; i < count; i++)
        {
            // Inserted out of order: 7 shares no factor with the counts used, so every key is distinct.
            int n = i * 7 % count;
            map[(n % 3).ToString(CultureInfo.InvariantCulture) + suffixes[n % suffixes.Length] + n.ToString(CultureInfo.InvariantCulture)] = n;
        }

        string[] keys = [.. map.Keys];
        Array.Sort(keys, (x, y) => Encoding.UTF8.GetBytes(x).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(y)));
        string expected = "{" + string.Join(",", keys.Select(k => $"\"{k}\":{map[k]}")) + "}";

        Assert.Equal(expected, WriterHelper.Write((ref GoJsonWriter w) => JsonWriting.WriteStringKeyedMap(ref w, map, static (ref GoJsonWriter w, int v) => w.WriteNumber(v))));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(40)]
    public void Integer_keyed_map_of_any_size_is_sorted_as_decimal_text(int count)
    {
        var map = new Dictionary<uint, string>();
        for (int i = 0; i < count; i++)
        {
            uint key = (uint)(i * 7 % count) * 37;
            map[key] = "v" + key.ToString(CultureInfo.InvariantCulture);
        }

        string[] keys = [.. map.Keys.Select(k => k.ToString(CultureInfo.InvariantCulture)).Order(StringComparer.Ordinal)];
        string expected = "{" + string.Join(",", keys.Select(k => $"\"{k}\":\"v{k}\"")) + "}";

        Assert.Equal(expected, WriterHelper.Write((ref GoJsonWriter w) => JsonWriting.WriteIntegerKeyedMap(ref w, map, s_writeString)));
    }

    [Fact]
    public void Map_writers_leave_no_allocation_behind()
    {
        var strings = new Dictionary<string, string> { ["b"] = "1", ["a"] = "2", ["c"] = "3" };
        var numbers = new Dictionary<uint, string> { [10] = "1", [2] = "2" };
        var output = new System.Buffers.ArrayBufferWriter<byte>(4096);
        WriteBoth(output, strings, numbers);
        output.ResetWrittenCount();

        long before = GC.GetAllocatedBytesForCurrentThread();
        WriteBoth(output, strings, numbers);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);

        // Maps too large for the stack buffer sort in a pooled array, which goes back to the pool.
        for (int i = 0; i < 20; i++)
        {
            strings["k" + i.ToString(CultureInfo.InvariantCulture)] = "v";
            numbers[(uint)(100 + i)] = "v";
        }

        WriteBoth(output, strings, numbers);
        output.ResetWrittenCount();
        before = GC.GetAllocatedBytesForCurrentThread();
        WriteBoth(output, strings, numbers);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);

        static void WriteBoth(System.Buffers.ArrayBufferWriter<byte> output, Dictionary<string, string> strings, Dictionary<uint, string> numbers)
        {
            var writer = new GoJsonWriter(output);
            JsonWriting.WriteStringKeyedMap(ref writer, strings, s_writeString);
            JsonWriting.WriteIntegerKeyedMap(ref writer, numbers, s_writeString);
            writer.Flush();
        }
    }

    [Theory]
    [InlineData("a", "b", -1)]
    [InlineData("b", "a", 1)]
    [InlineData("a", "a", 0)]
    [InlineData("a", "ab", -1)]
    [InlineData("", "a", -1)]
    [InlineData("B", "_", -1)]
    [InlineData("_", "a", -1)]
    [InlineData("z", "é", -1)]
    [InlineData("\uFFFF", "\U00010000", -1)]
    [InlineData("\uE000", "\U0001F600", -1)]
    [InlineData("\uD7FF", "\U0001F600", -1)]
    [InlineData("\U0001F600", "\U0001F601", -1)]
    public void CompareUtf8_matches_byte_order(string x, string y, int expected)
    {
        Assert.Equal(expected, Math.Sign(JsonWriting.CompareUtf8(x, y)));
        Assert.Equal(-expected, Math.Sign(JsonWriting.CompareUtf8(y, x)));
        int bytes = Math.Sign(System.Text.Encoding.UTF8.GetBytes(x).AsSpan().SequenceCompareTo(System.Text.Encoding.UTF8.GetBytes(y)));
        Assert.Equal(bytes, expected);
    }

    [Fact]
    public void CompareUtf8_nulls_first()
    {
        Assert.Equal(0, JsonWriting.CompareUtf8(null, null));
        Assert.True(JsonWriting.CompareUtf8(null, "") < 0);
        Assert.True(JsonWriting.CompareUtf8("", null) > 0);
    }
}
