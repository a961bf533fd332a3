using System.Runtime.InteropServices;
using System.Text;

namespace Aot.Storage.Benchmarks;

/// <summary>
/// The floor of a store and of a fetch: the same bytes through the fewest system calls, called directly.
/// Store: <c>open(tmp, O_WRONLY|O_CREAT|O_TRUNC)</c>, <c>write</c>, [<c>fsync</c>], <c>close</c>,
/// <c>rename(tmp, path)</c>, [<c>open(dir)</c>, <c>fsync(dir)</c>, <c>close(dir)</c>]; the bracketed calls only
/// for the durable policy. Fetch: <c>open</c>, <c>read</c> until end of file, <c>close</c>. Directories and empty
/// files for the start-up harness's floor app: <c>mkdir</c> [+ flush of the parent], <c>open(O_CREAT|O_EXCL)</c> + <c>close</c>.
/// </summary>
public sealed unsafe partial class NativeFloor
{
    private const int OWrOnly = 0x1;
    private const int OCreat = 0x40;
    private const int OExcl = 0x80;
    private const int OTrunc = 0x200;
    private const int ODirectory = 0x10000;
    private const int OCloExec = 0x80000;
    private const uint Mode0640 = 0x1A0;
    private const uint Mode0750 = 0x1E8;

    private readonly byte[] _pathZ;
    private readonly byte[] _tempPathZ;
    private readonly byte[] _directoryZ;

    public NativeFloor(string path)
    {
        _pathZ = NulTerminated(path);
        _tempPathZ = NulTerminated(Path.Combine(Path.GetDirectoryName(path)!, "." + Path.GetFileName(path) + ".floor-tmp"));
        _directoryZ = NulTerminated(Path.GetDirectoryName(path)!);
    }

    public void Store(ReadOnlySpan<byte> content, bool durable)
    {
        fixed (byte* temp = _tempPathZ, path = _pathZ, data = content)
        {
            int fd = Check(Open(temp, OWrOnly | OCreat | OTrunc | OCloExec, Mode0640), "open");
            int offset = 0;
            while (offset < content.Length)
            {
                nint n = Write(fd, data + offset, (nuint)(content.Length - offset));
                offset += (int)Check(n, "write");
            }

            if (durable)
            {
                Check(Fsync(fd), "fsync");
            }

            Check(Close(fd), "close");
            Check(Rename(temp, path), "rename");
        }

        if (durable)
        {
            FlushDirectory(_directoryZ);
        }
    }

    /// <summary>The floor of making a directory: <c>mkdir</c>, and under the durable policy the flush of its parent.</summary>
    public static void CreateDirectory(string path, bool durable)
    {
        fixed (byte* pathZ = NulTerminated(path))
        {
            Check(MakeDirectory(pathZ, Mode0750), "mkdir");
        }

        if (durable)
        {
            FlushDirectory(NulTerminated(Path.GetDirectoryName(path)!));
        }
    }

    /// <summary>The floor of making an empty file that must not exist yet (a lock file): <c>open(O_CREAT|O_EXCL)</c>, <c>close</c>.</summary>
    public static void CreateEmptyFile(string path)
    {
        fixed (byte* pathZ = NulTerminated(path))
        {
            Check(Close(Check(Open(pathZ, OWrOnly | OCreat | OExcl | OCloExec, Mode0640), "open")), "close");
        }
    }

    private static void FlushDirectory(byte[] directoryZ)
    {
        fixed (byte* directory = directoryZ)
        {
            int dirFd = Check(Open(directory, OCloExec | ODirectory, 0), "open dir");
            Check(Fsync(dirFd), "fsync dir");
            Check(Close(dirFd), "close dir");
        }
    }

    /// <summary>Reads the whole file into <paramref name="buffer"/>; returns its length.</summary>
    public int Fetch(byte[] buffer)
    {
        fixed (byte* path = _pathZ, data = buffer)
        {
            int fd = Check(Open(path, OCloExec, 0), "open");
            int length = 0;
            while (true)
            {
                nint n = Check(Read(fd, data + length, (nuint)(buffer.Length - length)), "read");
                if (n == 0)
                {
                    break;
                }

                length += (int)n;
                if (length == buffer.Length)
                {
                    throw new InvalidOperationException("The fetch buffer is too small.");
                }
            }

            Check(Close(fd), "close");
            return length;
        }
    }

    private static byte[] NulTerminated(string text)
    {
        byte[] bytes = new byte[Encoding.UTF8.GetByteCount(text) + 1];
        Encoding.UTF8.GetBytes(text, bytes);
        return bytes;
    }

    private static int Check(int rc, string call) => rc >= 0 ? rc : throw Fail(call);

    private static nint Check(nint rc, string call) => rc >= 0 ? rc : throw Fail(call);

    private static IOException Fail(string call) => new($"{call} failed: errno {Marshal.GetLastPInvokeError()}");

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true)]
    private static partial int Open(byte* path, int flags, uint mode);

    [LibraryImport("libc", EntryPoint = "mkdir", SetLastError = true)]
    private static partial int MakeDirectory(byte* path, uint mode);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static partial nint Write(int fd, byte* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    private static partial nint Read(int fd, byte* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "rename", SetLastError = true)]
    private static partial int Rename(byte* oldPath, byte* newPath);
}
