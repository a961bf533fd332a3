using System.Text.Json;

namespace Aot.Storage.Json;

/// <summary>
/// A document that is not valid JSON, or whose shape does not fit the model. <see cref="ByteOffset"/>
/// is counted from the start of the document.
/// </summary>
public sealed class MalformedJsonException : JsonException
{
    public MalformedJsonException(string reason, long byteOffset, Exception? innerException = null)
        : base($"{reason} (at byte offset {byteOffset})", innerException)
    {
        Reason = reason;
        ByteOffset = byteOffset;
    }

    /// <summary>What is wrong, without the offset.</summary>
    public string Reason { get; }

    public long ByteOffset { get; }
}
