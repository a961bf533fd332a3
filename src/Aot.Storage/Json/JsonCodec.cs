using System.Buffers;
using System.Text.Json;

namespace Aot.Storage.Json;

/// <summary>
/// The generated reader and writer of one type. Instances are stateless singletons emitted by the
/// resource-set generator (<c>MyStore.Codecs.PodConfig</c>).
/// </summary>
public abstract class JsonCodec<T>
{
    /// <summary>Writes <paramref name="value"/> (which may be <see langword="null"/> for reference types).</summary>
    public abstract void Write(ref GoJsonWriter writer, T value);

    /// <summary>Reads one value; the reader is positioned on its first token. Leaves the reader on the last token of the value.</summary>
    public abstract T Read(ref Utf8JsonReader reader);

    /// <summary>Serializes into <paramref name="output"/> with no allocation of its own.</summary>
    public void Serialize(T value, IBufferWriter<byte> output)
    {
        var writer = new GoJsonWriter(output);
        Write(ref writer, value);
        writer.Flush();
    }

    /// <summary>Serializes into a new array (the only allocation).</summary>
    public byte[] Serialize(T value)
    {
        PooledBufferWriter buffer = PooledBufferWriter.Rent();
        try
        {
            Serialize(value, buffer);
            return buffer.ToArray();
        }
        finally
        {
            PooledBufferWriter.Return(buffer);
        }
    }

    /// <summary>
    /// Parses a whole document: rejects an empty input, a byte-order mark and anything but whitespace
    /// after the value, like Go's <c>json.Unmarshal</c>, with a <see cref="MalformedJsonException"/> that
    /// gives the byte offset.
    /// </summary>
    public T Deserialize(ReadOnlySpan<byte> utf8Json)
    {
        JsonDocumentChecks.ThrowIfNoValue(utf8Json);
        var reader = new Utf8JsonReader(utf8Json, JsonDocumentChecks.ReaderOptions);
        try
        {
            JsonReading.ReadValueStart(ref reader);
            T value = Read(ref reader);
            JsonDocumentChecks.ThrowIfTrailingData(utf8Json, reader.BytesConsumed);
            return value;
        }
        catch (Exception ex) when (JsonDocumentChecks.ShouldTranslate(ex))
        {
            throw JsonDocumentChecks.Translate(ex, utf8Json, reader.TokenStartIndex);
        }
    }
}
