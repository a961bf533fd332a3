using System.Diagnostics;
using System.Runtime.InteropServices;
using Aot.Storage.Benchmarks;

namespace Aot.Storage.Startup.Apps.SyscallFloor;

/// <summary>
/// The job of the Aot.Storage app with nothing but its system calls: under <c>args[0]</c> the same directories
/// (mkdir; in the config tree also the flush of the parent, as the durable policy asks), the empty pod lock, and the same 15 files
/// with the same bytes, held as constants (<see cref="JobFiles"/>), stored and read back through
/// <see cref="NativeFloor"/> — the floor of the store benchmarks. Exit code 0 when every file reads back whole.
/// </summary>
internal static unsafe partial class Program
{
    private const int OWrOnly = 0x1;
    private const int OCreat = 0x40;
    private const int OExcl = 0x80;
    private const int ODirectory = 0x10000;
    private const int OCloExec = 0x80000;
    private const uint Mode0640 = 0x1A0;
    private const uint Mode0750 = 0x1E8;

    private static int Main(string[] args)
    {
        long main = Stopwatch.GetTimestamp();
        if (args.Length < 1)
        {
            return 2;
        }

        string root = args[0];
        MakeDirectory(root, durable: false);
        foreach (string directory in JobFiles.Directories)
        {
            bool durable = directory.StartsWith("config", StringComparison.Ordinal);
            MakeDirectory(Path.Combine(root, directory), durable);
        }

        foreach (string file in JobFiles.EmptyFiles)
        {
            CreateEmptyFile(Path.Combine(root, file));
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

    private static void MakeDirectory(string path, bool durable)
    {
        fixed (byte* pathZ = NulTerminated(path))
        {
            if (MakeDirectory(pathZ, Mode0750) != 0)
            {
                throw new IOException($"mkdir {path} failed: errno {Marshal.GetLastPInvokeError()}");
            }
        }

        if (durable)
        {
            fixed (byte* parentZ = NulTerminated(Path.GetDirectoryName(path)!))
            {
                int fd = Open(parentZ, ODirectory | OCloExec, 0);
                if (fd < 0 || Fsync(fd) != 0 || Close(fd) != 0)
                {
                    throw new IOException($"flush of the parent of {path} failed: errno {Marshal.GetLastPInvokeError()}");
                }
            }
        }
    }

    private static void CreateEmptyFile(string path)
    {
        fixed (byte* pathZ = NulTerminated(path))
        {
            int fd = Open(pathZ, OWrOnly | OCreat | OExcl | OCloExec, Mode0640);
            if (fd < 0 || Close(fd) != 0)
            {
                throw new IOException($"create {path} failed: errno {Marshal.GetLastPInvokeError()}");
            }
        }
    }

    private static byte[] NulTerminated(string text)
    {
        byte[] bytes = new byte[System.Text.Encoding.UTF8.GetByteCount(text) + 1];
        System.Text.Encoding.UTF8.GetBytes(text, bytes);
        return bytes;
    }

    [LibraryImport("libc", EntryPoint = "mkdir", SetLastError = true)]
    private static partial int MakeDirectory(byte* path, uint mode);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true)]
    private static partial int Open(byte* path, int flags, uint mode);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
