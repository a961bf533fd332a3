using System.Buffers;
using System.ComponentModel;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace Aot.Storage.Json;

/// <summary>Helpers for generated writers: Go writes map keys sorted by their UTF-8 bytes.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class JsonWriting
{
    /// <summary>Writes a <c>map[string]T</c>: <c>null</c>, or an object with keys in UTF-8 byte order.
    /// Sorting uses a pooled array, so no allocation stays behind.</summary>
    public static void WriteStringKeyedMap<TValue>(ref GoJsonWriter writer, Dictionary<string, TValue>? map, ValueWriter<TValue> writeValue)
    {
        ArgumentNullException.ThrowIfNull(writeValue);
        if (map is null)
        {
            writer.WriteNull();
            return;
        }

        KeyValuePair<string, TValue>[] entries = ArrayPool<KeyValuePair<string, TValue>>.Shared.Rent(Math.Max(map.Count, 1));
        int count = 0;
        try
        {
            foreach (KeyValuePair<string, TValue> entry in map)
            {
                entries[count++] = entry;
            }

            Span<KeyValuePair<string, TValue>> sorted = entries.AsSpan(0, count);
            // A cached static Comparison: Sort(Span, IComparer) would box a struct comparer and wrap it in a delegate.
            sorted.Sort(static (x, y) => CompareUtf8(x.Key, y.Key));

            writer.WriteByte((byte)'{');
            for (int i = 0; i < sorted.Length; i++)
            {
                if (i > 0)
                {
                    writer.WriteByte((byte)',');
                }

                writer.WriteString(sorted[i].Key);
                writer.WriteByte((byte)':');
                writeValue(ref writer, sorted[i].Value);
            }

            writer.WriteByte((byte)'}');
        }
        finally
        {
            ClearAndReturn(entries, count);
        }
    }

    /// <summary>Writes a map with integer keys as Go does: keys as decimal strings, sorted as strings.</summary>
    public static void WriteUInt64KeyedMap<TKey, TValue>(ref GoJsonWriter writer, Dictionary<TKey, TValue>? map, Func<TKey, ulong> toUInt64, ValueWriter<TValue> writeValue)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(toUInt64);
        ArgumentNullException.ThrowIfNull(writeValue);
        if (map is null)
        {
            writer.WriteNull();
            return;
        }

        KeyValuePair<ulong, TValue>[] entries = ArrayPool<KeyValuePair<ulong, TValue>>.Shared.Rent(Math.Max(map.Count, 1));
        int count = 0;
        try
        {
            foreach (KeyValuePair<TKey, TValue> entry in map)
            {
                entries[count++] = new KeyValuePair<ulong, TValue>(toUInt64(entry.Key), entry.Value);
            }

            Span<KeyValuePair<ulong, TValue>> sorted = entries.AsSpan(0, count);
            sorted.Sort(static (x, y) => CompareDecimalText(x.Key, y.Key));

            writer.WriteByte((byte)'{');
            for (int i = 0; i < sorted.Length; i++)
            {
                writer.WriteRaw(i > 0 ? ",\""u8 : "\""u8);
                writer.WriteNumber(sorted[i].Key);
                writer.WriteRaw("\":"u8);
                writeValue(ref writer, sorted[i].Value);
            }

            writer.WriteByte((byte)'}');
        }
        finally
        {
            ClearAndReturn(entries, count);
        }
    }

    public static void WriteInt64KeyedMap<TKey, TValue>(ref GoJsonWriter writer, Dictionary<TKey, TValue>? map, Func<TKey, long> toInt64, ValueWriter<TValue> writeValue)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(toInt64);
        ArgumentNullException.ThrowIfNull(writeValue);
        if (map is null)
        {
            writer.WriteNull();
            return;
        }

        KeyValuePair<long, TValue>[] entries = ArrayPool<KeyValuePair<long, TValue>>.Shared.Rent(Math.Max(map.Count, 1));
        int count = 0;
        try
        {
            foreach (KeyValuePair<TKey, TValue> entry in map)
            {
                entries[count++] = new KeyValuePair<long, TValue>(toInt64(entry.Key), entry.Value);
            }

            Span<KeyValuePair<long, TValue>> sorted = entries.AsSpan(0, count);
            sorted.Sort(static (x, y) => CompareDecimalText(x.Key, y.Key));

            writer.WriteByte((byte)'{');
            for (int i = 0; i < sorted.Length; i++)
            {
                writer.WriteRaw(i > 0 ? ",\""u8 : "\""u8);
                writer.WriteNumber(sorted[i].Key);
                writer.WriteRaw("\":"u8);
                writeValue(ref writer, sorted[i].Value);
            }

            writer.WriteByte((byte)'}');
        }
        finally
        {
            ClearAndReturn(entries, count);
        }
    }

    /// <summary>Orders strings by their UTF-8 encoding (which differs from UTF-16 ordinal order for surrogates).</summary>
    public static int CompareUtf8(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null)
        {
            return -1;
        }

        if (y is null)
        {
            return 1;
        }

        int common = x.AsSpan().CommonPrefixLength(y);
        if (common == x.Length || common == y.Length)
        {
            return x.Length.CompareTo(y.Length);
        }

        // UTF-16 order equals code point (hence UTF-8) order except that surrogates (U+D800-U+DFFF, which
        // encode U+10000 and above) sort below U+E000-U+FFFF; move them above.
        return FixUp(x[common]).CompareTo(FixUp(y[common]));

        static int FixUp(char c) => c < 0xD800 ? c : c >= 0xE000 ? c - 0x800 : c + 0x2000;
    }

    private static void ClearAndReturn<T>(T[] entries, int count)
    {
        if (RuntimeHelpers.IsReferenceOrContainsReferences<T>())
        {
            entries.AsSpan(0, count).Clear();
        }

        ArrayPool<T>.Shared.Return(entries);
    }

    /// <summary>Orders integers by their decimal text, as Go sorts the string forms of integer map keys.</summary>
    private static int CompareDecimalText<T>(T x, T y)
        where T : IUtf8SpanFormattable
    {
        Span<byte> left = stackalloc byte[20];
        Span<byte> right = stackalloc byte[20];
        x.TryFormat(left, out int leftLength, default, CultureInfo.InvariantCulture);
        y.TryFormat(right, out int rightLength, default, CultureInfo.InvariantCulture);
        return left.Slice(0, leftLength).SequenceCompareTo(right.Slice(0, rightLength));
    }
}

/// <summary>Writes one value of a collection; generated codecs pass a static lambda.</summary>
public delegate void ValueWriter<in T>(ref GoJsonWriter writer, T value);
