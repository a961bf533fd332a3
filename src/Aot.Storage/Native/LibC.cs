using System.Runtime.InteropServices;

namespace Aot.Storage.Native;

/// <summary>
/// The libc calls the file-system engine needs, as source-generated (NativeAOT-safe) P/Invoke.
/// FileStream is not used: it takes an flock on every open (see performance.md §3).
/// </summary>
/// <remarks>
/// Only 64-bit Linux is supported. Flag values are those of x86_64 and the generic Linux ABI, except
/// the <c>O_DIRECTORY</c>/<c>O_NOFOLLOW</c> pair that ARM defines differently. <c>statx</c> and
/// <c>getdents64</c> are used because their structures have one layout on every architecture.
/// </remarks>
internal static unsafe partial class LibC
{
    private const string Lib = "libc";

    public const int AtFdCwd = -100;
    public const int AtSymlinkNoFollow = 0x100;
    public const int AtRemoveDir = 0x200;
    public const int AtEmptyPath = 0x1000;

    public const int ORdOnly = 0x0;
    public const int OWrOnly = 0x1;
    public const int OCreat = 0x40;
    public const int OExcl = 0x80;
    public const int ONoCtty = 0x100;
    public const int ONonBlock = 0x800;
    public const int OCloExec = 0x80000;

    public static readonly int ODirectory = IsArm ? 0x4000 : 0x10000;
    public static readonly int ONoFollow = IsArm ? 0x8000 : 0x20000;

    public const int LockSh = 1;
    public const int LockEx = 2;
    public const int LockNb = 4;
    public const int LockUn = 8;

    public const uint SIfMt = 0xF000;
    public const uint SIfReg = 0x8000;
    public const uint SIfDir = 0x4000;
    public const uint SIfLnk = 0xA000;

    public const uint StatxType = 0x1;
    public const uint StatxMode = 0x2;
    public const uint StatxIno = 0x100;
    public const uint StatxSize = 0x200;
    public const uint StatxMtime = 0x40;
    public const uint StatxBasicStats = 0x7FF;

    public const byte DtUnknown = 0;
    public const byte DtDir = 4;
    public const byte DtReg = 8;
    public const byte DtLnk = 10;

    private static bool IsArm =>
        RuntimeInformation.ProcessArchitecture is Architecture.Arm or Architecture.Arm64 or Architecture.Armv6;

    [LibraryImport(Lib, EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags, uint mode);

    [LibraryImport(Lib, EntryPoint = "openat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int OpenAt(int dirFd, string path, int flags, uint mode);

    [LibraryImport(Lib, EntryPoint = "mkdir", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Mkdir(string path, uint mode);

    [LibraryImport(Lib, EntryPoint = "chmod", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Chmod(string path, uint mode);

    [LibraryImport(Lib, EntryPoint = "mkdirat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int MkdirAt(int dirFd, string path, uint mode);

    [LibraryImport(Lib, EntryPoint = "fchmod", SetLastError = true)]
    public static partial int Fchmod(int fd, uint mode);

    [LibraryImport(Lib, EntryPoint = "read", SetLastError = true)]
    public static partial nint Read(int fd, byte* buffer, nuint count);

    [LibraryImport(Lib, EntryPoint = "pread", SetLastError = true)]
    public static partial nint PRead(int fd, byte* buffer, nuint count, long offset);

    [LibraryImport(Lib, EntryPoint = "write", SetLastError = true)]
    public static partial nint Write(int fd, byte* buffer, nuint count);

    [LibraryImport(Lib, EntryPoint = "lseek", SetLastError = true)]
    public static partial long Lseek(int fd, long offset, int whence);

    [LibraryImport(Lib, EntryPoint = "fsync", SetLastError = true)]
    public static partial int Fsync(int fd);

    [LibraryImport(Lib, EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport(Lib, EntryPoint = "renameat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int RenameAt(int oldDirFd, string oldPath, int newDirFd, string newPath);

    [LibraryImport(Lib, EntryPoint = "unlinkat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int UnlinkAt(int dirFd, string path, int flags);

    [LibraryImport(Lib, EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Statx(int dirFd, string path, int flags, uint mask, StatxBuffer* buffer);

    [LibraryImport(Lib, EntryPoint = "openat", SetLastError = true)]
    public static partial int OpenAt(int dirFd, byte* path, int flags, uint mode);

    [LibraryImport(Lib, EntryPoint = "unlinkat", SetLastError = true)]
    public static partial int UnlinkAt(int dirFd, byte* path, int flags);

    [LibraryImport(Lib, EntryPoint = "renameat", SetLastError = true)]
    public static partial int RenameAt(int oldDirFd, byte* oldPath, int newDirFd, byte* newPath);

    /// <summary>renameat2(2) flag: fail with EEXIST instead of replacing an existing name.</summary>
    public const uint RenameNoReplace = 1;

    [LibraryImport(Lib, EntryPoint = "renameat2", SetLastError = true)]
    public static partial int RenameAt2(int oldDirFd, byte* oldPath, int newDirFd, byte* newPath, uint flags);

    [LibraryImport(Lib, EntryPoint = "statx", SetLastError = true)]
    public static partial int Statx(int dirFd, byte* path, int flags, uint mask, StatxBuffer* buffer);

    [LibraryImport(Lib, EntryPoint = "flock", SetLastError = true)]
    public static partial int Flock(int fd, int operation);

    [LibraryImport(Lib, EntryPoint = "getdents64", SetLastError = true)]
    public static partial nint Getdents64(int fd, byte* buffer, nuint count);

    [LibraryImport(Lib, EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int pid, int signal);

    /// <summary><c>openat2</c> (Linux 5.6) has no wrapper in the glibc versions we support, so it goes through
    /// <c>syscall</c>; its number is the same on every 64-bit architecture (the unified table since 5.1).</summary>
    private const long SysOpenat2 = 437;

    public const ulong ResolveNoMagicLinks = 0x02;
    public const ulong ResolveNoSymlinks = 0x04;

    /// <summary><c>syscall(SYS_openat2, ...)</c>. glibc's <c>syscall</c> only moves registers (no <c>va_arg</c>),
    /// so calling it with a fixed signature is sound.</summary>
    [LibraryImport(Lib, EntryPoint = "syscall", SetLastError = true)]
    private static partial long Syscall(long number, int dirFd, byte* path, OpenHow* how, nuint size);

    /// <summary><c>openat2</c> of a NUL-terminated path; -1 with errno set on failure (ENOSYS on kernels before 5.6).</summary>
    public static int OpenAt2(int dirFd, byte* pathZ, int flags, ulong resolve)
    {
        OpenHow how = new() { Flags = (ulong)(uint)flags, Mode = 0, Resolve = resolve };
        return (int)Syscall(SysOpenat2, dirFd, pathZ, &how, (nuint)sizeof(OpenHow));
    }

    [LibraryImport(Lib, EntryPoint = "realpath", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial byte* RealPath(string path, byte* resolved);

    /// <summary><c>realpath</c>: the absolute path without symbolic links, <c>.</c> or <c>..</c>; null if it cannot be resolved.</summary>
    public static string? RealPath(string path)
    {
        const int PathMax = 4096;
        byte* resolved = stackalloc byte[PathMax];
        return RealPath(path, resolved) is null ? null : Marshal.PtrToStringUTF8((nint)resolved);
    }

    [LibraryImport(Lib, EntryPoint = "umask")]
    public static partial uint Umask(uint mask);

    /// <summary><c>statx</c> of an entry relative to <paramref name="dirFd"/>, never following a final symlink.</summary>
    public static int StatxNoFollow(int dirFd, string name, out StatxBuffer buffer)
    {
        StatxBuffer b;
        int rc = Statx(dirFd, name, AtSymlinkNoFollow, StatxBasicStats, &b);
        buffer = b;
        return rc;
    }

    /// <summary><c>statx</c> of an entry given as NUL-terminated bytes, never following a final symlink.</summary>
    public static int StatxNoFollow(int dirFd, byte[] nameZ, out StatxBuffer buffer)
    {
        StatxBuffer b;
        int rc;
        fixed (byte* p = nameZ)
        {
            rc = Statx(dirFd, p, AtSymlinkNoFollow, StatxBasicStats, &b);
        }

        buffer = b;
        return rc;
    }

    public static int OpenAt(int dirFd, byte[] nameZ, int flags, uint mode)
    {
        fixed (byte* p = nameZ)
        {
            return OpenAt(dirFd, p, flags, mode);
        }
    }

    public static int UnlinkAt(int dirFd, byte[] nameZ, int flags)
    {
        fixed (byte* p = nameZ)
        {
            return UnlinkAt(dirFd, p, flags);
        }
    }

    /// <summary>A name as the NUL-terminated UTF-8 the <c>byte[]</c> overloads take.</summary>
    public static byte[] NameZ(string name)
    {
        byte[] bytes = new byte[System.Text.Encoding.UTF8.GetByteCount(name) + 1];
        System.Text.Encoding.UTF8.GetBytes(name, bytes);
        return bytes;
    }

    /// <summary><c>statx</c> of an open descriptor.</summary>
    public static int Fstatx(int fd, out StatxBuffer buffer)
    {
        StatxBuffer b;
        int rc = Statx(fd, string.Empty, AtEmptyPath, StatxBasicStats, &b);
        buffer = b;
        return rc;
    }

    public static int LastError => Marshal.GetLastPInvokeError();
}

/// <summary><c>struct open_how</c> of <c>openat2</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct OpenHow
{
    public ulong Flags;
    public ulong Mode;
    public ulong Resolve;
}

/// <summary><c>struct statx</c> (the same 256 bytes on every Linux architecture).</summary>
[StructLayout(LayoutKind.Explicit, Size = 256)]
internal struct StatxBuffer
{
    [FieldOffset(0)]
    public uint Mask;

    /// <summary>Hard links; 0 for a directory that has been removed.</summary>
    [FieldOffset(16)]
    public uint LinkCount;

    [FieldOffset(28)]
    public ushort Mode;

    [FieldOffset(32)]
    public ulong Inode;

    [FieldOffset(40)]
    public ulong Size;

    [FieldOffset(112)]
    public long MtimeSeconds;

    [FieldOffset(120)]
    public uint MtimeNanoseconds;

    [FieldOffset(136)]
    public uint DeviceMajor;

    [FieldOffset(140)]
    public uint DeviceMinor;

    public readonly uint FileType => Mode & LibC.SIfMt;

    public readonly bool IsRegularFile => FileType == LibC.SIfReg;

    public readonly bool IsDirectory => FileType == LibC.SIfDir;

    public readonly bool IsSymbolicLink => FileType == LibC.SIfLnk;

    /// <summary>Permission bits (including set-id and sticky bits).</summary>
    public readonly uint Permissions => Mode & 0xFFFu;

    public readonly bool SameFileAs(in StatxBuffer other) =>
        Inode == other.Inode && DeviceMajor == other.DeviceMajor && DeviceMinor == other.DeviceMinor;
}
