using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace Aot.Storage.Startup;

/// <summary>What one run of a process cost, from <c>posix_spawn</c> to <c>wait4</c>.</summary>
/// <remarks>No peak RSS here: glibc's posix_spawn is a vfork, and the kernel folds the parent's high-water
/// mark (the mm the child shared until exec) into the child's <c>ru_maxrss</c>.</remarks>
public readonly record struct RunResult(int ExitCode, double WallMilliseconds, double CpuMilliseconds, string Output);

/// <summary>
/// Runs a program the cheapest way Linux offers and times it: wall time from just before <c>posix_spawn</c>
/// to just after <c>wait4</c> returns (Stopwatch), CPU time from the child's rusage. Standard output goes to
/// a file, read after the run.
/// </summary>
public static unsafe partial class Spawner
{
    private const int OWrOnly = 0x1;
    private const int OCreat = 0x40;
    private const int OTrunc = 0x200;
    private const int OCloExec = 0x80000;

    public static RunResult Run(string executable, IReadOnlyList<string> arguments, string outputFile)
    {
        var allocations = new List<nint>();
        byte* Utf8(string text)
        {
            nint p = Marshal.StringToCoTaskMemUTF8(text);
            allocations.Add(p);
            return (byte*)p;
        }

        byte** argv = stackalloc byte*[arguments.Count + 2];
        argv[0] = Utf8(executable);
        for (int i = 0; i < arguments.Count; i++)
        {
            argv[i + 1] = Utf8(arguments[i]);
        }

        argv[arguments.Count + 1] = null;

        // A fixed, minimal environment: the same for every app, nothing that tunes the runtime.
        byte** envp = stackalloc byte*[3];
        envp[0] = Utf8("PATH=/usr/local/bin:/usr/bin:/bin");
        envp[1] = Utf8("LANG=C.UTF-8");
        envp[2] = null;
        byte* path = Utf8(executable);
        byte* outPath = Utf8(outputFile);

        // posix_spawn_file_actions_t is 80 bytes in glibc; leave room.
        byte* actions = stackalloc byte[512];
        int outFd = Open(outPath, OWrOnly | OCreat | OTrunc | OCloExec, 0x1A4);
        if (outFd < 0)
        {
            throw new IOException($"Cannot open {outputFile}: errno {Marshal.GetLastPInvokeError()}");
        }

        try
        {
            Check(FileActionsInit(actions), "posix_spawn_file_actions_init");
            Check(FileActionsAddDup2(actions, outFd, 1), "posix_spawn_file_actions_adddup2");
            Rusage usage;
            int status;
            long start = Stopwatch.GetTimestamp();
            int rc = PosixSpawn(out int pid, path, actions, null, argv, envp);
            if (rc != 0)
            {
                throw new IOException($"posix_spawn {executable} failed: errno {rc}");
            }

            int waited;
            do
            {
                waited = Wait4(pid, &status, 0, &usage);
            }
            while (waited < 0 && Marshal.GetLastPInvokeError() == 4 /* EINTR */);

            long end = Stopwatch.GetTimestamp();
            Check(FileActionsDestroy(actions), "posix_spawn_file_actions_destroy");
            if (waited < 0)
            {
                throw new IOException($"wait4 failed: errno {Marshal.GetLastPInvokeError()}");
            }

            int exitCode = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F);
            double cpu = (usage.UserSeconds + usage.SystemSeconds) * 1e3 + (usage.UserMicroseconds + usage.SystemMicroseconds) / 1e3;
            return new RunResult(exitCode, Stopwatch.GetElapsedTime(start, end).TotalMilliseconds, cpu, File.ReadAllText(outputFile, Encoding.UTF8));
        }
        finally
        {
            _ = Close(outFd);
            foreach (nint p in allocations)
            {
                Marshal.FreeCoTaskMem(p);
            }
        }
    }

    private static void Check(int rc, string call)
    {
        if (rc != 0)
        {
            throw new IOException($"{call} failed: {rc}");
        }
    }

    /// <summary><c>struct rusage</c> on 64-bit Linux: two timevals, then ru_maxrss (KiB) and 13 more longs.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct Rusage
    {
        public long UserSeconds;
        public long UserMicroseconds;
        public long SystemSeconds;
        public long SystemMicroseconds;
        public long MaxRss;
        public fixed long Rest[13];
    }

    [LibraryImport("libc", EntryPoint = "posix_spawn")]
    private static partial int PosixSpawn(out int pid, byte* path, byte* fileActions, void* attributes, byte** argv, byte** envp);

    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_init")]
    private static partial int FileActionsInit(byte* fileActions);

    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_adddup2")]
    private static partial int FileActionsAddDup2(byte* fileActions, int fd, int newFd);

    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_destroy")]
    private static partial int FileActionsDestroy(byte* fileActions);

    [LibraryImport("libc", EntryPoint = "wait4", SetLastError = true)]
    private static partial int Wait4(int pid, int* status, int options, Rusage* usage);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true)]
    private static partial int Open(byte* path, int flags, uint mode);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}
