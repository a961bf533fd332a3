using System.Text;
using System.Text.Json;
using Aot.Storage.Json;

namespace Aot.Storage.Tests.Json;

public class RawJsonTests
{
    [Fact]
    public void Parse_compacts_pretty_input()
    {
        const string pretty = "{\n  \"Path\" : \"/usr/bin/kata-shim\",\n\t\"Debug\": true,\r\n  \"List\": [ 1 , -2.5e+3 , null, { } , [ ] ]\n}\n";
        Assert.Equal("{\"Path\":\"/usr/bin/kata-shim\",\"Debug\":true,\"List\":[1,-2.5e+3,null,{},[]]}", RawJson.Parse(pretty).ToString());
    }

    [Theory]
    [InlineData("\"<a&b>\"", "\"\\u003ca\\u0026b\\u003e\"")]
    [InlineData("\"\\u003ca\\u0026b\\u003e\"", "\"\\u003ca\\u0026b\\u003e\"")]
    [InlineData("\"\\u00e9\\/\\u0041\\b\"", "\"é/A\\u0008\"")]
    [InlineData("\"\u2028\u2029\"", "\"\\u2028\\u2029\"")]
    [InlineData("\"\\ud83d\\ude00\"", "\"\U0001F600\"")]
    [InlineData("\"\\ud800\"", "\"\uFFFD\"")]
    [InlineData("{\"<k>\":\"v\"}", "{\"\\u003ck\\u003e\":\"v\"}")]
    [InlineData("[1.0, 1e3, -0, 12345678901234567890123, 1E-7]", "[1.0,1e3,-0,12345678901234567890123,1E-7]")]
    [InlineData("true", "true")]
    [InlineData("42", "42")]
    [InlineData("\"\"", "\"\"")]
    [InlineData("[null]", "[null]")]
    public void Parse_reescapes_strings_and_keeps_numbers(string json, string expected)
    {
        Assert.Equal(expected, RawJson.Parse(json).ToString());
        Assert.Equal(expected, ReaderHelper.ReadSegmented(json, (ref Utf8JsonReader r) => RawJson.ReadFrom(ref r)).ToString());
    }

    [Fact]
    public void Parse_replaces_invalid_utf8_in_strings()
    {
        byte[] json = [(byte)'[', (byte)'"', (byte)'a', 0xFF, (byte)'"', (byte)']'];
        var reader = new Utf8JsonReader(json);
        reader.Read();
        Assert.Equal("[\"a\\ufffd\"]", RawJson.ReadFrom(ref reader).ToString());
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("{", 1)]
    [InlineData("{} x", 3)]
    [InlineData("[1,]", 3)]
    [InlineData("{'a':1}", 1)]
    public void Parse_rejects_malformed(string json, long offset)
    {
        MalformedJsonException ex = Assert.Throws<MalformedJsonException>(() => RawJson.Parse(json));
        Assert.Equal(offset, ex.ByteOffset);
    }

    [Fact]
    public void Parse_rejects_literal_null()
    {
        Assert.Throws<ArgumentException>(() => RawJson.Parse("null"));
        Assert.Throws<ArgumentException>(() => new RawJson(ReadOnlyMemory<byte>.Empty));
    }

    [Theory]
    [InlineData("null", "Null")]
    [InlineData("[]", "EndArray")]
    [InlineData("{}", "EndObject")]
    public void ReadFrom_names_the_token_it_cannot_start_on(string json, string token)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();
        if (json != "null")
        {
            reader.Read();
        }

        InvalidOperationException error;
        try
        {
            RawJson.ReadFrom(ref reader);
            throw new InvalidOperationException("no exception");
        }
        catch (InvalidOperationException e)
        {
            error = e;
        }

        Assert.Equal($"The reader is on {token}, not on the start of a non-null value.", error.Message);
    }

    [Fact]
    public void Token_type_names_are_the_enum_names()
    {
        foreach (JsonTokenType type in Enum.GetValues<JsonTokenType>())
        {
            Assert.Equal(type.ToString(), JsonReading.TokenTypeName(type));
        }

        Assert.Equal("99", JsonReading.TokenTypeName((JsonTokenType)99));
    }

    [Fact]
    public void ReadFrom_leaves_reader_on_last_token()
    {
        var reader = new Utf8JsonReader("[{\"a\":[1,{\"b\":2}]},\"s\",3]"u8);
        reader.Read();
        reader.Read();
        Assert.Equal("{\"a\":[1,{\"b\":2}]}", RawJson.ReadFrom(ref reader).ToString());
        Assert.Equal(JsonTokenType.EndObject, reader.TokenType);
        reader.Read();
        Assert.Equal("\"s\"", RawJson.ReadFrom(ref reader).ToString());
        Assert.Equal(JsonTokenType.String, reader.TokenType);
        reader.Read();
        Assert.Equal("3", RawJson.ReadFrom(ref reader).ToString());
        reader.Read();
        Assert.Equal(JsonTokenType.EndArray, reader.TokenType);
    }

    [Fact]
    public void ReadFrom_segmented_long_strings_and_numbers()
    {
        string text = string.Concat(Enumerable.Repeat("x<\\u00e9", 300));
        string expected = string.Concat(Enumerable.Repeat("x\\u003cé", 300));
        string json = "{\"k\":[\"" + text + "\",-123.456e-7]}";
        RawJson raw = ReaderHelper.ReadSegmented(json, (ref Utf8JsonReader r) => RawJson.ReadFrom(ref r));
        Assert.Equal("{\"k\":[\"" + expected + "\",-123.456e-7]}", raw.ToString());
    }

    [Fact]
    public void ReadFrom_rejects_null_token()
    {
        Assert.Throws<InvalidOperationException>(() => ReaderHelper.Read("null", (ref Utf8JsonReader r) => RawJson.ReadFrom(ref r)));
    }

    [Fact]
    public void Equality_is_by_bytes()
    {
        RawJson a = RawJson.Parse("{ \"a\": 1 }");
        RawJson b = new("{\"a\":1}"u8.ToArray());
        RawJson c = RawJson.Parse("{\"a\":1.0}");
        Assert.Equal(a, b);
        Assert.True(a.Equals((object)b));
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, c);
        Assert.False(a.Equals(null));
        Assert.True(Encoding.UTF8.GetBytes("{\"a\":1}").AsSpan().SequenceEqual(a.Utf8.Span));
    }

    [Fact]
    public void Writes_back_verbatim()
    {
        RawJson raw = RawJson.Parse("{\"Debug\":true,\"Path\":\"/x\"}");
        Assert.Equal("[{\"Debug\":true,\"Path\":\"/x\"}]", WriterHelper.Write((ref GoJsonWriter w) =>
        {
            w.WriteByte((byte)'[');
            w.WriteRawJson(raw);
            w.WriteByte((byte)']');
        }));
    }
}
