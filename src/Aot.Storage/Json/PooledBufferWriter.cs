using System.Buffers;

namespace Aot.Storage.Json;

/// <summary>
/// A growable output backed by <see cref="ArrayPool{T}.Shared"/>. One instance per thread is cached
/// (<see cref="Rent"/>/<see cref="Return"/>) so serializing to a new array allocates only that array.
/// </summary>
internal sealed class PooledBufferWriter : IBufferWriter<byte>, IDisposable
{
    private const int InitialCapacity = 4096;

    /// <summary>Buffers that grew beyond this are given back to the pool instead of being cached.</summary>
    private const int MaxCachedCapacity = 1024 * 1024;

    [ThreadStatic]
    private static PooledBufferWriter? s_cached;

    private byte[] _buffer;
    private int _written;

    public PooledBufferWriter(int initialCapacity = InitialCapacity)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(initialCapacity, 1));
    }

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _written);

    /// <summary>Takes this thread's cached writer (empty), or a new one when it is in use.</summary>
    public static PooledBufferWriter Rent()
    {
        PooledBufferWriter? writer = s_cached;
        if (writer is null)
        {
            return new PooledBufferWriter();
        }

        s_cached = null;
        return writer;
    }

    /// <summary>Gives a writer from <see cref="Rent"/> back for reuse on this thread.</summary>
    public static void Return(PooledBufferWriter writer)
    {
        if (writer._buffer.Length > MaxCachedCapacity || s_cached is not null)
        {
            writer.Dispose();
            return;
        }

        writer._written = 0;
        s_cached = writer;
    }

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count > _buffer.Length - _written)
        {
            throw new InvalidOperationException("Cannot advance past the end of the buffer.");
        }

        _written += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        EnsureCapacity(sizeHint);
        return _buffer.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        EnsureCapacity(sizeHint);
        return _buffer.AsSpan(_written);
    }

    public byte[] ToArray() => WrittenSpan.ToArray();

    public void Dispose()
    {
        byte[] buffer = _buffer;
        _buffer = [];
        _written = 0;
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void EnsureCapacity(int sizeHint)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sizeHint);
        sizeHint = Math.Max(sizeHint, 1);
        if (_buffer.Length - _written >= sizeHint)
        {
            return;
        }

        long needed = (long)_written + sizeHint;
        long capacity = Math.Max(Math.Max(needed, (long)_buffer.Length * 2), InitialCapacity);
        if (capacity > Array.MaxLength)
        {
            capacity = needed <= Array.MaxLength ? Array.MaxLength : throw new OutOfMemoryException("The JSON output is too large.");
        }

        byte[] larger = ArrayPool<byte>.Shared.Rent((int)capacity);
        _buffer.AsSpan(0, _written).CopyTo(larger);
        byte[] old = _buffer;
        _buffer = larger;
        if (old.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(old);
        }
    }
}
