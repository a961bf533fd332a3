using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Aot.Storage.Tests.Json;

internal delegate T ReadFunc<out T>(ref Utf8JsonReader reader);

internal static class ReaderHelper
{
    /// <summary>Reads the first value of <paramref name="json"/> with <paramref name="read"/>.</summary>
    public static T Read<T>(string json, ReadFunc<T> read)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        Assert.True(reader.Read());
        return read(ref reader);
    }

    /// <summary>Reads the first value of <paramref name="json"/> from a sequence of one-byte segments.</summary>
    public static T ReadSegmented<T>(string json, ReadFunc<T> read)
    {
        var reader = new Utf8JsonReader(Segmented(Encoding.UTF8.GetBytes(json)));
        Assert.True(reader.Read());
        return read(ref reader);
    }

    /// <summary>Moves to the value of the first property of the object in <paramref name="json"/> and reads it.</summary>
    public static T ReadProperty<T>(string json, ReadFunc<T> read)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        Assert.True(reader.Read());
        Assert.True(reader.Read());
        Assert.True(reader.Read());
        return read(ref reader);
    }

    public static Aot.Storage.Json.MalformedJsonException Fails<T>(string json, ReadFunc<T> read) =>
        Assert.Throws<Aot.Storage.Json.MalformedJsonException>(() => Read(json, read));

    public static Aot.Storage.Json.MalformedJsonException FailsInProperty<T>(string json, ReadFunc<T> read) =>
        Assert.Throws<Aot.Storage.Json.MalformedJsonException>(() => ReadProperty(json, read));

    /// <summary>Splits <paramref name="data"/> into one segment per byte.</summary>
    public static ReadOnlySequence<byte> Segmented(byte[] data)
    {
        if (data.Length == 0)
        {
            return ReadOnlySequence<byte>.Empty;
        }

        var first = new Segment(data.AsMemory(0, 1), 0);
        Segment last = first;
        for (int i = 1; i < data.Length; i++)
        {
            last = last.Append(data.AsMemory(i, 1));
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
