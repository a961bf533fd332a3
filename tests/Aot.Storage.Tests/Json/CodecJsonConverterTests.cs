using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Aot.Storage.Json;

namespace Aot.Storage.Tests.Json;

public class CodecJsonConverterTests
{
    private const string SampleJson = "{\"Name\":\"a\\u0026b\",\"Count\":3,\"Labels\":{\"x\":\"1\",\"y\":\"\\u003c\"}}";

    private static JsonTypeInfo<Sample?> CreateTypeInfo(int bufferSize = 16 * 1024)
    {
        var options = new JsonSerializerOptions { TypeInfoResolver = JsonTypeInfoResolver.Combine(), DefaultBufferSize = bufferSize };
        return JsonMetadataServices.CreateValueInfo<Sample?>(options, new CodecJsonConverter<Sample?>(SampleCodec.Instance));
    }

    [Fact]
    public void Serializer_writes_codec_bytes()
    {
        var value = new Sample { Name = "a&b", Count = 3, Labels = new() { ["y"] = "<", ["x"] = "1" } };
        Assert.Equal(SampleJson, JsonSerializer.Serialize(value, CreateTypeInfo()));
        Assert.Equal("null", JsonSerializer.Serialize(null, CreateTypeInfo()));
    }

    [Fact]
    public void Serializer_reads_through_codec()
    {
        Sample? read = JsonSerializer.Deserialize(SampleJson, CreateTypeInfo());
        Assert.Equal("a&b", read!.Name);
        Assert.Equal("<", read.Labels!["y"]);
        Assert.Null(JsonSerializer.Deserialize("null", CreateTypeInfo()));
    }

    [Fact]
    public async Task Serializer_streaming_read_with_tiny_buffer_skips_unknown_members()
    {
        string json = "{\"Unknown\":{\"deep\":[1,2,{\"x\":\"" + new string('z', 200) + "\"}]},\"Name\":\"n\",\"Count\":9}";
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        Sample? read = await JsonSerializer.DeserializeAsync(stream, CreateTypeInfo(bufferSize: 1));
        Assert.Equal("n", read!.Name);
        Assert.Equal(9, read.Count);
    }

    [Fact]
    public void Converter_rejects_null_codec() =>
        Assert.Throws<ArgumentNullException>(() => new CodecJsonConverter<Sample?>(null!));
}
