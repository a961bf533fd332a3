using System.Buffers;
using System.ComponentModel;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Aot.Storage.Json;

/// <summary>Helpers for generated writers: Go writes map keys sorted by their UTF-8 bytes.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class JsonWriting
{
    /// <summary>Maps of up to this many entries (nearly all: annotations, labels, bridge addresses) are sorted in a
    /// buffer on the stack by insertion; larger ones in a pooled array.</summary>
    private const int StackSortedEntries = 16;

    /// <summary>Writes a <c>map[string]T</c>: <c>null</c>, or an object with keys in UTF-8 byte order.
    /// Sorting uses a buffer on the stack or a pooled array, so no allocation stays behind.</summary>
    public static void WriteStringKeyedMap<TValue>(ref GoJsonWriter writer, Dictionary<string, TValue>? map, ValueWriter<TValue> writeValue) =>
        WriteMap<string, TValue, Utf8Keys>(ref writer, map, writeValue);

    /// <summary>Writes a map with integer keys as Go does: keys as decimal strings, sorted as strings.</summary>
    public static void WriteIntegerKeyedMap<TKey, TValue>(ref GoJsonWriter writer, Dictionary<TKey, TValue>? map, ValueWriter<TValue> writeValue)
        where TKey : struct, IBinaryInteger<TKey> =>
        WriteMap<TKey, TValue, DecimalKeys<TKey>>(ref writer, map, writeValue);

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

    private static void WriteMap<TKey, TValue, TKeys>(ref GoJsonWriter writer, Dictionary<TKey, TValue>? map, ValueWriter<TValue> writeValue)
        where TKey : notnull
        where TKeys : struct, IMapKeys<TKey>
    {
        ArgumentNullException.ThrowIfNull(writeValue);
        if (map is null)
        {
            writer.WriteNull();
            return;
        }

        if (map.Count <= StackSortedEntries)
        {
            // No pool, no comparison delegate: a process's first map costs no pool or sort set-up either.
            StackEntries<KeyValuePair<TKey, TValue>> buffer = default;
            Span<KeyValuePair<TKey, TValue>> entries = Gather(map, buffer);
            for (int i = 1; i < entries.Length; i++)
            {
                KeyValuePair<TKey, TValue> entry = entries[i];
                int j = i - 1;
                for (; j >= 0 && TKeys.Compare(entries[j].Key, entry.Key) > 0; j--)
                {
                    entries[j + 1] = entries[j];
                }

                entries[j + 1] = entry;
            }

            WriteSorted<TKey, TValue, TKeys>(ref writer, entries, writeValue);
            return;
        }

        KeyValuePair<TKey, TValue>[] pooled = ArrayPool<KeyValuePair<TKey, TValue>>.Shared.Rent(map.Count);
        int count = 0;
        try
        {
            Span<KeyValuePair<TKey, TValue>> entries = Gather(map, pooled);
            count = entries.Length;

            // A cached static Comparison: Sort(Span, IComparer) would box a struct comparer and wrap it in a delegate.
            entries.Sort(static (x, y) => TKeys.Compare(x.Key, y.Key));
            WriteSorted<TKey, TValue, TKeys>(ref writer, entries, writeValue);
        }
        finally
        {
            ClearAndReturn(pooled, count);
        }
    }

    /// <summary>Copies the entries of <paramref name="map"/> to the start of <paramref name="destination"/>, which has room
    /// for them, and returns that part.</summary>
    private static Span<KeyValuePair<TKey, TValue>> Gather<TKey, TValue>(Dictionary<TKey, TValue> map, Span<KeyValuePair<TKey, TValue>> destination)
        where TKey : notnull
    {
        int count = 0;
        foreach (KeyValuePair<TKey, TValue> entry in map)
        {
            destination[count++] = entry;
        }

        return destination.Slice(0, count);
    }

    private static void WriteSorted<TKey, TValue, TKeys>(ref GoJsonWriter writer, scoped ReadOnlySpan<KeyValuePair<TKey, TValue>> entries, ValueWriter<TValue> writeValue)
        where TKeys : struct, IMapKeys<TKey>
    {
        writer.WriteByte((byte)'{');
        for (int i = 0; i < entries.Length; i++)
        {
            TKeys.WriteKey(ref writer, entries[i].Key, first: i == 0);
            writeValue(ref writer, entries[i].Value);
        }

        writer.WriteByte((byte)'}');
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

    /// <summary>How a kind of map key is ordered and written: Go sorts keys by the UTF-8 bytes of their string form
    /// (the string itself, or an integer's decimal digits).</summary>
    private interface IMapKeys<TKey>
    {
        static abstract int Compare(TKey x, TKey y);

        /// <summary>Writes <c>,</c> unless <paramref name="first"/>, the quoted key and <c>:</c>.</summary>
        static abstract void WriteKey(ref GoJsonWriter writer, TKey key, bool first);
    }

    private readonly struct Utf8Keys : IMapKeys<string>
    {
        public static int Compare(string x, string y) => CompareUtf8(x, y);

        public static void WriteKey(ref GoJsonWriter writer, string key, bool first)
        {
            if (!first)
            {
                writer.WriteByte((byte)',');
            }

            writer.WriteString(key);
            writer.WriteByte((byte)':');
        }
    }

    private readonly struct DecimalKeys<TKey> : IMapKeys<TKey>
        where TKey : struct, IBinaryInteger<TKey>
    {
        public static int Compare(TKey x, TKey y) => CompareDecimalText(x, y);

        public static void WriteKey(ref GoJsonWriter writer, TKey key, bool first)
        {
            Span<byte> digits = stackalloc byte[24];
            key.TryFormat(digits, out int length, default, CultureInfo.InvariantCulture);
            writer.WriteRaw(first ? "\""u8 : ",\""u8);
            writer.WriteRaw(digits.Slice(0, length));
            writer.WriteRaw("\":"u8);
        }
    }

    /// <summary>Room for <see cref="StackSortedEntries"/> entries on the stack.</summary>
    [InlineArray(StackSortedEntries)]
    private struct StackEntries<T>
    {
        private T _first;
    }
}

/// <summary>Writes one value of a collection; generated codecs pass a static lambda.</summary>
public delegate void ValueWriter<in T>(ref GoJsonWriter writer, T value);
