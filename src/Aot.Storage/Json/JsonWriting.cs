using System.ComponentModel;

namespace Aot.Storage.Json;

/// <summary>Helpers for generated writers: Go writes map keys sorted by their UTF-8 bytes.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class JsonWriting
{
    /// <summary>Writes a <c>map[string]T</c>: <c>null</c>, or an object with keys in UTF-8 byte order.
    /// Sorting uses a pooled array, so no allocation stays behind.</summary>
    public static void WriteStringKeyedMap<TValue>(ref GoJsonWriter writer, Dictionary<string, TValue>? map, ValueWriter<TValue> writeValue) => throw new NotImplementedException();

    /// <summary>Writes a map with integer keys as Go does: keys as decimal strings, sorted as strings.</summary>
    public static void WriteUInt64KeyedMap<TKey, TValue>(ref GoJsonWriter writer, Dictionary<TKey, TValue>? map, Func<TKey, ulong> toUInt64, ValueWriter<TValue> writeValue)
        where TKey : notnull => throw new NotImplementedException();

    public static void WriteInt64KeyedMap<TKey, TValue>(ref GoJsonWriter writer, Dictionary<TKey, TValue>? map, Func<TKey, long> toInt64, ValueWriter<TValue> writeValue)
        where TKey : notnull => throw new NotImplementedException();

    /// <summary>Orders strings by their UTF-8 encoding (which differs from UTF-16 ordinal order for surrogates).</summary>
    public static int CompareUtf8(string? x, string? y) => throw new NotImplementedException();
}

/// <summary>Writes one value of a collection; generated codecs pass a static lambda.</summary>
public delegate void ValueWriter<in T>(ref GoJsonWriter writer, T value);
