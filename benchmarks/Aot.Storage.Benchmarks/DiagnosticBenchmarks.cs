using System.Buffers;
using Aot.Storage.Json;
using BenchmarkDotNet.Attributes;

namespace Aot.Storage.Benchmarks;

/// <summary>
/// Evidence for the findings in benchmarks/README.md, not part of the comparison: where Aot.Storage's
/// serializer allocates. Go sorts map keys, so the generated writer sorts each map's entries with
/// <see cref="JsonWriting.WriteStringKeyedMap{TValue}"/>; the rows below take that call apart on the
/// 10-entry annotation map of a pod.
/// </summary>
public class MapSortBenchmarks
{
    private static readonly Comparison<KeyValuePair<string, string>> s_comparison = static (x, y) => string.CompareOrdinal(x.Key, y.Key);

    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly KeyValuePair<string, string>[] _entries = new KeyValuePair<string, string>[16];
    private Dictionary<string, string> _map = [];

    [GlobalSetup]
    public void Setup()
    {
        _map = [];
        for (int i = 0; i < 10; i++)
        {
            _map[$"io.katacontainers.config.key{(i * 7) % 10}"] = "value" + i;
        }
    }

    [Benchmark(Baseline = true, Description = "JsonWriting.WriteStringKeyedMap (library)")]
    public int LibraryWriteMap()
    {
        _buffer.ResetWrittenCount();
        var writer = new GoJsonWriter(_buffer);
        JsonWriting.WriteStringKeyedMap(ref writer, _map, static (ref GoJsonWriter w, string v) => w.WriteString(v));
        writer.Flush();
        return _buffer.WrittenCount;
    }

    [Benchmark(Description = "Span.Sort(struct IComparer) only")]
    public int SortWithStructComparer()
    {
        int count = Fill();
        _entries.AsSpan(0, count).Sort(default(OrdinalKeyComparer));
        return count;
    }

    [Benchmark(Description = "Span.Sort(cached Comparison) only")]
    public int SortWithCachedComparison()
    {
        int count = Fill();
        _entries.AsSpan(0, count).Sort(s_comparison);
        return count;
    }

    [Benchmark(Description = "insertion sort only")]
    public int InsertionSort()
    {
        int count = Fill();
        Span<KeyValuePair<string, string>> span = _entries.AsSpan(0, count);
        for (int i = 1; i < span.Length; i++)
        {
            KeyValuePair<string, string> item = span[i];
            int j = i - 1;
            while (j >= 0 && string.CompareOrdinal(span[j].Key, item.Key) > 0)
            {
                span[j + 1] = span[j];
                j--;
            }

            span[j + 1] = item;
        }

        return count;
    }

    private int Fill()
    {
        int count = 0;
        foreach (KeyValuePair<string, string> entry in _map)
        {
            _entries[count++] = entry;
        }

        return count;
    }

    private readonly struct OrdinalKeyComparer : IComparer<KeyValuePair<string, string>>
    {
        public int Compare(KeyValuePair<string, string> x, KeyValuePair<string, string> y) => string.CompareOrdinal(x.Key, y.Key);
    }
}
