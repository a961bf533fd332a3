using Aot.Storage.Json;

namespace Aot.Storage.Tests.Json;

public class PooledBufferWriterTests
{
    [Fact]
    public void Grows_and_keeps_written_bytes()
    {
        using var writer = new PooledBufferWriter(initialCapacity: 4);
        for (int i = 0; i < 1000; i++)
        {
            Span<byte> span = writer.GetSpan(3);
            Assert.True(span.Length >= 3);
            span[0] = (byte)i;
            writer.Advance(1);
        }

        byte[] result = writer.ToArray();
        Assert.Equal(1000, result.Length);
        Assert.Equal(231, result[999]);
        Assert.Equal(result, writer.WrittenSpan.ToArray());
    }

    [Fact]
    public void Advance_past_span_and_negative_values_throw()
    {
        using var writer = new PooledBufferWriter(initialCapacity: 16);
        int available = writer.GetSpan().Length;
        Assert.Throws<InvalidOperationException>(() => writer.Advance(available + 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.Advance(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.GetSpan(-1));
        Assert.True(writer.GetMemory(100).Length >= 100);
    }

    [Fact]
    public void Rent_reuses_an_emptied_writer_per_thread()
    {
        PooledBufferWriter first = PooledBufferWriter.Rent();
        first.GetSpan(1)[0] = 1;
        first.Advance(1);
        PooledBufferWriter nested = PooledBufferWriter.Rent();
        Assert.NotSame(first, nested);
        PooledBufferWriter.Return(nested);
        PooledBufferWriter.Return(first);

        PooledBufferWriter again = PooledBufferWriter.Rent();
        Assert.Equal(0, again.WrittenSpan.Length);
        PooledBufferWriter.Return(again);
    }
}
