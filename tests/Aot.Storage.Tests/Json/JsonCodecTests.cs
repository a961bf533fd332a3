using System.Buffers;
using System.Text;
using System.Text.Json;
using Aot.Storage.Json;

namespace Aot.Storage.Tests.Json;

public class JsonCodecTests
{
    private static readonly Sample s_sample = new()
    {
        Name = "pod <1>",
        Count = -5,
        Labels = new Dictionary<string, string> { ["b"] = "1", ["B"] = "2", ["a"] = "3", ["é"] = "4", ["_"] = "5" },
    };

    private const string SampleJson = "{\"Name\":\"pod \\u003c1\\u003e\",\"Count\":-5,\"Labels\":{\"B\":\"2\",\"_\":\"5\",\"a\":\"3\",\"b\":\"1\",\"é\":\"4\"}}";

    [Fact]
    public void Serialize_to_array_is_go_exact()
    {
        Assert.Equal(SampleJson, Encoding.UTF8.GetString(SampleCodec.Instance.Serialize(s_sample)));
        Assert.Equal("null", Encoding.UTF8.GetString(SampleCodec.Instance.Serialize(null)));
    }

    [Fact]
    public void Serialize_to_buffer_writer_appends()
    {
        var output = new ArrayBufferWriter<byte>();
        output.Write("x"u8);
        SampleCodec.Instance.Serialize(s_sample, output);
        Assert.Equal("x" + SampleJson, Encoding.UTF8.GetString(output.WrittenSpan));
    }

    [Fact]
    public void Serialize_large_value_grows_pooled_buffer_and_reuses_it()
    {
        var big = new Sample { Name = new string('x', 100_000), Labels = [] };
        byte[] first = SampleCodec.Instance.Serialize(big);
        Assert.Equal(100_000 + "{\"Name\":\"\",\"Count\":0,\"Labels\":{}}".Length, first.Length);
        Assert.Equal(SampleJson, Encoding.UTF8.GetString(SampleCodec.Instance.Serialize(s_sample)));
    }

    [Fact]
    public void Serialize_to_array_allocates_only_the_result()
    {
        SampleCodec.Instance.Serialize(new Sample { Name = "warm" });
        var value = new Sample { Name = "abc", Count = 7 };
        long before = GC.GetAllocatedBytesForCurrentThread();
        byte[] result = SampleCodec.Instance.Serialize(value);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal("{\"Name\":\"abc\",\"Count\":7,\"Labels\":null}", Encoding.UTF8.GetString(result));

        // The result array: object header + length + payload, rounded up.
        Assert.True(allocated <= result.Length + 32, $"allocated {allocated} bytes for a {result.Length}-byte result");
    }

    [Fact]
    public void Deserialize_round_trips()
    {
        Sample? read = SampleCodec.Instance.Deserialize(Encoding.UTF8.GetBytes(SampleJson));
        Assert.NotNull(read);
        Assert.Equal("pod <1>", read.Name);
        Assert.Equal(-5, read.Count);
        Assert.Equal(s_sample.Labels, read.Labels);
        Assert.Equal(SampleJson, Encoding.UTF8.GetString(SampleCodec.Instance.Serialize(read)));
    }

    [Fact]
    public void Deserialize_accepts_surrounding_whitespace()
    {
        Sample? read = SampleCodec.Instance.Deserialize(" \t\r\n{\"Name\":\"a\"} \n\t\r "u8);
        Assert.Equal("a", read!.Name);
        Assert.Equal(42, Int64Codec.Instance.Deserialize("42\n"u8));
    }

    [Fact]
    public void Deserialize_null_document()
    {
        Assert.Null(SampleCodec.Instance.Deserialize("null"u8));
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("   ", 3)]
    [InlineData(" \r\n\t", 4)]
    public void Deserialize_rejects_empty_input(string json, long offset)
    {
        var ex = Assert.Throws<MalformedJsonException>(() => SampleCodec.Instance.Deserialize(Encoding.UTF8.GetBytes(json)));
        Assert.Equal("unexpected end of JSON input", ex.Reason);
        Assert.Equal(offset, ex.ByteOffset);
        Assert.Equal($"unexpected end of JSON input (at byte offset {offset})", ex.Message);
    }

    [Fact]
    public void Deserialize_rejects_byte_order_mark()
    {
        byte[] json = [0xEF, 0xBB, 0xBF, .. "{}"u8];
        var ex = Assert.Throws<MalformedJsonException>(() => SampleCodec.Instance.Deserialize(json));
        Assert.Equal("byte-order mark is not allowed", ex.Reason);
        Assert.Equal(0, ex.ByteOffset);
    }

    [Theory]
    [InlineData("{\"Name\":\"a\"}{}", 12)]
    [InlineData("{\"Name\":\"a\"} \n {}", 15)]
    [InlineData("{} x", 3)]
    [InlineData("null null", 5)]
    [InlineData("{}]", 2)]
    public void Deserialize_rejects_data_after_the_value(string json, long offset)
    {
        var ex = Assert.Throws<MalformedJsonException>(() => SampleCodec.Instance.Deserialize(Encoding.UTF8.GetBytes(json)));
        Assert.Equal("invalid character after top-level value", ex.Reason);
        Assert.Equal(offset, ex.ByteOffset);
    }

    [Fact]
    public void Deserialize_rejects_data_after_a_number()
    {
        var ex = Assert.Throws<MalformedJsonException>(() => Int64Codec.Instance.Deserialize("1 2"u8));
        Assert.Equal("invalid character after top-level value", ex.Reason);
        Assert.Equal(2, ex.ByteOffset);
    }

    [Theory]
    [InlineData("{\"Name\":", 8)]
    [InlineData("{\"Name\":\"a\"", 11)]
    [InlineData("{\"Name\":\"a", 10)]
    public void Deserialize_reports_truncated_input(string json, long offset)
    {
        var ex = Assert.Throws<MalformedJsonException>(() => SampleCodec.Instance.Deserialize(Encoding.UTF8.GetBytes(json)));
        Assert.Equal("unexpected end of JSON input", ex.Reason);
        Assert.Equal(offset, ex.ByteOffset);
    }

    [Theory]
    [InlineData("[", 1)]
    [InlineData("[1,", 3)]
    [InlineData("{\"a\":[1,{\"b\":", 13)]
    [InlineData("tru", 3)]
    [InlineData("\"abc", 4)]
    [InlineData("[1,2", 4)]
    [InlineData("{\"a\":1 ", 7)]
    public void Deserialize_reports_truncated_raw_value(string json, long offset)
    {
        var ex = Assert.Throws<MalformedJsonException>(() => RawCodec.Instance.Deserialize(Encoding.UTF8.GetBytes(json)));
        Assert.Equal("unexpected end of JSON input", ex.Reason);
        Assert.Equal(offset, ex.ByteOffset);
    }

    [Fact]
    public void Deserialize_translates_reader_errors_with_absolute_offset()
    {
        // The bad token is on the third line: 2 + 11 bytes before it, then 9 bytes into its line.
        byte[] json = Encoding.UTF8.GetBytes("{\n  \"Name\": 1,\n  \"Count\" x}");
        Assert.Equal((byte)'x', json[25]);
        var ex = Assert.Throws<MalformedJsonException>(() => Int64ObjectCodec.Deserialize(json));
        Assert.Equal(25, ex.ByteOffset);
        Assert.IsAssignableFrom<JsonException>(ex.InnerException);
        Assert.DoesNotContain("LineNumber", ex.Reason);
    }

    [Fact]
    public void Deserialize_rejects_comments_and_trailing_commas()
    {
        Assert.Throws<MalformedJsonException>(() => SampleCodec.Instance.Deserialize("{\"Name\":\"a\",}"u8));
        Assert.Throws<MalformedJsonException>(() => SampleCodec.Instance.Deserialize("{/*c*/}"u8));
        Assert.Throws<MalformedJsonException>(() => SampleCodec.Instance.Deserialize("{\"Name\":'a'}"u8));
    }

    [Fact]
    public void Deserialize_reports_type_mismatch_with_member_and_offset()
    {
        var ex = Assert.Throws<MalformedJsonException>(() => SampleCodec.Instance.Deserialize("{\"Name\":\"a\",\"Count\":1.0}"u8));
        Assert.Equal("cannot read number 1.0 into Int64 for Sample.Count", ex.Reason);
        Assert.Equal(20, ex.ByteOffset);

        ex = Assert.Throws<MalformedJsonException>(() => SampleCodec.Instance.Deserialize("[]"u8));
        Assert.Equal("expected an object for Sample but found an array", ex.Reason);
        Assert.Equal(0, ex.ByteOffset);
    }

    [Fact]
    public void Deserialize_translates_invalid_utf8_from_GetString()
    {
        byte[] json = [(byte)'"', (byte)'a', 0xFF, (byte)'"'];
        var ex = Assert.Throws<MalformedJsonException>(() => GetStringCodec.Instance.Deserialize(json));
        Assert.Equal(0, ex.ByteOffset);
        Assert.IsType<InvalidOperationException>(ex.InnerException);
    }

    [Fact]
    public void Deserialize_depth_limit_is_reported()
    {
        string deep = new string('[', 600) + new string(']', 600);
        var ex = Assert.Throws<MalformedJsonException>(() => RawCodec.Instance.Deserialize(Encoding.UTF8.GetBytes(deep)));
        Assert.Equal(512, ex.ByteOffset);
    }

    [Fact]
    public void Converter_writes_go_bytes_through_system_text_json()
    {
        var converter = new CodecJsonConverter<Sample?>(SampleCodec.Instance);
        var output = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(output))
        {
            writer.WriteStartArray();
            converter.Write(writer, s_sample, new JsonSerializerOptions());
            converter.Write(writer, s_sample, new JsonSerializerOptions());
            writer.WriteEndArray();
        }

        Assert.Equal("[" + SampleJson + "," + SampleJson + "]", Encoding.UTF8.GetString(output.WrittenSpan));
    }

    [Fact]
    public void Converter_reads_value_at_current_token_and_leaves_reader_on_its_end()
    {
        var converter = new CodecJsonConverter<Sample?>(SampleCodec.Instance);
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes("[" + SampleJson + ",7]"));
        Assert.True(reader.Read());
        Assert.True(reader.Read());
        Sample? read = converter.Read(ref reader, typeof(Sample), new JsonSerializerOptions());
        Assert.Equal("pod <1>", read!.Name);
        Assert.Equal(JsonTokenType.EndObject, reader.TokenType);
        Assert.True(reader.Read());
        Assert.Equal(7, reader.GetInt32());
    }

    /// <summary>An object of numbers, read with the raw reader, to get a reader error on a later line.</summary>
    private static long Int64ObjectCodec_Read(ref Utf8JsonReader reader)
    {
        JsonReading.Expect(ref reader, JsonTokenType.StartObject, "test"u8);
        long sum = 0;
        while (true)
        {
            JsonReading.ReadValueStart(ref reader);
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                return sum;
            }

            JsonReading.ReadValueStart(ref reader);
            sum += JsonReading.ReadInt64(ref reader, 0, "test"u8);
        }
    }

    private static class Int64ObjectCodec
    {
        private static readonly DelegateCodec s_instance = new();

        public static long Deserialize(byte[] json) => s_instance.Deserialize(json);

        private sealed class DelegateCodec : JsonCodec<long>
        {
            public override void Write(ref GoJsonWriter writer, long value) => writer.WriteNumber(value);

            public override long Read(ref Utf8JsonReader reader) => Int64ObjectCodec_Read(ref reader);
        }
    }
}
