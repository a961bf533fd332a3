using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Aot.Storage.Startup.Apps;

/// <summary>
/// The in-process timings of a start-up app, written to standard output as one line of
/// <c>name=nanoseconds</c> pairs with one <c>write(2)</c> (no Console, no culture data) so that reporting
/// costs the two store apps the same few microseconds.
/// </summary>
internal static unsafe partial class Report
{
    /// <summary>Marks, in order: start of Main, store ready (pod and containers created), after the first store,
    /// after every store, after the first fetch, after every fetch.</summary>
    public static void Write(long main, long ready, long firstStore, long allStored, long firstFetch, long allFetched)
    {
        Span<byte> line = stackalloc byte[256];
        int length = 0;
        Append(line, ref length, "setup="u8, ready - main);
        Append(line, ref length, " first_store="u8, firstStore - ready);
        Append(line, ref length, " stores="u8, allStored - ready);
        Append(line, ref length, " first_fetch="u8, firstFetch - allStored);
        Append(line, ref length, " fetches="u8, allFetched - allStored);
        Append(line, ref length, " total="u8, allFetched - main);
        line[length++] = (byte)'\n';
        fixed (byte* p = line)
        {
            _ = WriteStdout(1, p, length);
        }
    }

    private static void Append(Span<byte> line, ref int length, ReadOnlySpan<byte> name, long ticks)
    {
        name.CopyTo(line[length..]);
        length += name.Length;
        long nanoseconds = (long)(ticks * (1_000_000_000.0 / Stopwatch.Frequency));
        Span<byte> digits = stackalloc byte[20];
        int count = 0;
        do
        {
            digits[count++] = (byte)('0' + (nanoseconds % 10));
            nanoseconds /= 10;
        }
        while (nanoseconds > 0);

        while (count > 0)
        {
            line[length++] = digits[--count];
        }
    }

    // The runtime's own System.Native shim: NativeAOT links it statically (no library probing), unlike "libc".
    [LibraryImport("libSystem.Native", EntryPoint = "SystemNative_Write")]
    private static partial int WriteStdout(nint fd, byte* buffer, int count);
}
