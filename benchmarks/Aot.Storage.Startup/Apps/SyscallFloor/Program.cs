using System.Diagnostics;
using Aot.Storage.Benchmarks;

namespace Aot.Storage.Startup.Apps.SyscallFloor;

/// <summary>
/// The job of the Aot.Storage app with nothing but its system calls, all through <see cref="NativeFloor"/>, the floor
/// of the store benchmarks: under <c>args[0]</c> the same directories (in the config tree also the flush of the parent,
/// as the durable policy asks), the empty pod lock, and the same 15 files with the same bytes, held as constants
/// (<see cref="JobFiles"/>), stored and read back. Exit code 0 when every file reads back whole.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        long main = Stopwatch.GetTimestamp();
        if (args.Length < 1)
        {
            return 2;
        }

        string root = args[0];
        NativeFloor.CreateDirectory(root, durable: false);
        foreach (string directory in JobFiles.Directories)
        {
            bool durable = directory.StartsWith("config", StringComparison.Ordinal);
            NativeFloor.CreateDirectory(Path.Combine(root, directory), durable);
        }

        foreach (string file in JobFiles.EmptyFiles)
        {
            NativeFloor.CreateEmptyFile(Path.Combine(root, file));
        }

        var files = new NativeFloor[JobFiles.Count];
        for (int i = 0; i < files.Length; i++)
        {
            files[i] = new NativeFloor(Path.Combine(root, JobFiles.PathOf(i)));
        }

        long ready = Stopwatch.GetTimestamp();
        long firstStore = 0;
        for (int i = 0; i < files.Length; i++)
        {
            files[i].Store(JobFiles.ContentOf(i), durable: JobFiles.PathOf(i).StartsWith("config", StringComparison.Ordinal));
            if (i == 0)
            {
                firstStore = Stopwatch.GetTimestamp();
            }
        }

        long allStored = Stopwatch.GetTimestamp();
        byte[] buffer = new byte[64 * 1024];
        long firstFetch = 0;
        bool ok = true;
        for (int i = 0; i < files.Length; i++)
        {
            int length = files[i].Fetch(buffer);
            ok &= buffer.AsSpan(0, length).SequenceEqual(JobFiles.ContentOf(i));
            if (i == 0)
            {
                firstFetch = Stopwatch.GetTimestamp();
            }
        }

        long allFetched = Stopwatch.GetTimestamp();
        Report.Write(main, ready, firstStore, allStored, firstFetch, allFetched);
        return ok ? 0 : 1;
    }
}
