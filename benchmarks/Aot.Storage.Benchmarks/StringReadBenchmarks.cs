using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Aot.Storage.Json;
using BenchmarkDotNet.Attributes;

namespace Aot.Storage.Benchmarks;

/// <summary>
/// Evidence for the findings in benchmarks/README.md, not part of the comparison: the cost of turning every
/// string token of a golden file into a <see cref="string"/>, the way Aot.Storage's generated readers do it
/// (<see cref="JsonReading.ReadString"/>: a zero-initialised 256-byte stackalloc, <c>Utf8.IsValid</c>, then
/// <c>Encoding.UTF8.GetString</c>) against STJ's <see cref="Utf8JsonReader.GetString"/> and the same
/// algorithm without the zeroing (<see cref="SkipLocalsInitAttribute"/>).
/// </summary>
public class StringReadBenchmarks
{
    private byte[] _input = [];

    [Params("container-config.json", "podconfig.json")]
    public string File { get; set; } = "container-config.json";

    [GlobalSetup]
    public void Setup() => _input = Golden.Read(File);

    [Benchmark(Description = "tokens only (no string made)")]
    public int TokensOnly()
    {
        var reader = new Utf8JsonReader(_input);
        int count = 0;
        while (reader.Read())
        {
            count += reader.TokenType == JsonTokenType.String ? 1 : 0;
        }

        return count;
    }

    [Benchmark(Baseline = true, Description = "Utf8JsonReader.GetString (STJ)")]
    public int StjGetString()
    {
        var reader = new Utf8JsonReader(_input);
        int length = 0;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.String)
            {
                length += reader.GetString()!.Length;
            }
        }

        return length;
    }

    [Benchmark(Description = "JsonReading.ReadString (library)")]
    public int LibraryReadString()
    {
        var reader = new Utf8JsonReader(_input);
        int length = 0;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.String)
            {
                length += JsonReading.ReadString(ref reader, "", "s"u8).Length;
            }
        }

        return length;
    }

    [Benchmark(Description = "same algorithm, SkipLocalsInit")]
    public int SameAlgorithmSkipLocalsInit()
    {
        var reader = new Utf8JsonReader(_input);
        int length = 0;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.String)
            {
                length += ReadStringNoZeroing(ref reader).Length;
            }
        }

        return length;
    }

    [SkipLocalsInit]
    private static string ReadStringNoZeroing(ref Utf8JsonReader reader)
    {
        if (reader.ValueSpan.Length > 256)
        {
            return reader.GetString()!;
        }

        Span<byte> scratch = stackalloc byte[256];
        ReadOnlySpan<byte> utf8 = !reader.ValueIsEscaped ? reader.ValueSpan : scratch[..reader.CopyString(scratch)];
        return utf8.IsEmpty ? string.Empty : Utf8.IsValid(utf8) ? Encoding.UTF8.GetString(utf8) : throw new InvalidDataException();
    }
}
