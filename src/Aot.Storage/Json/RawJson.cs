namespace Aot.Storage.Json;

/// <summary>
/// A JSON value kept as compact UTF-8 text because the model does not type it (an unknown union case,
/// a Go <c>interface{}</c>). It is written back as it was read, compacted the way Go compacts a
/// <c>json.RawMessage</c>. Never holds the literal <c>null</c>: that is a <see langword="null"/> reference.
/// </summary>
public sealed class RawJson : IEquatable<RawJson>
{
    private readonly ReadOnlyMemory<byte> _utf8;

    /// <summary>Wraps already compact JSON text; use <see cref="Parse(string)"/> for text of unknown shape.</summary>
    public RawJson(ReadOnlyMemory<byte> compactUtf8)
    {
        if (compactUtf8.IsEmpty)
        {
            throw new ArgumentException("Raw JSON cannot be empty.", nameof(compactUtf8));
        }

        _utf8 = compactUtf8;
    }

    public ReadOnlyMemory<byte> Utf8 => _utf8;

    /// <summary>Validates and compacts <paramref name="json"/>.</summary>
    public static RawJson Parse(string json) => throw new NotImplementedException();

    /// <summary>Reads the value at the reader's current token into compact text (Go-escaped strings,
    /// numbers verbatim) and leaves the reader on its last token.</summary>
    public static RawJson ReadFrom(ref System.Text.Json.Utf8JsonReader reader) => throw new NotImplementedException();

    public bool Equals(RawJson? other) => throw new NotImplementedException();

    public override bool Equals(object? obj) => obj is RawJson other && Equals(other);

    public override int GetHashCode() => throw new NotImplementedException();

    public override string ToString() => throw new NotImplementedException();
}
