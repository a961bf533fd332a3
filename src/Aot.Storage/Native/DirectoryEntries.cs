using System.Buffers;
using System.Text;

namespace Aot.Storage.Native;

/// <summary>One name of a directory as <c>getdents64</c> reports it: as text (invalid UTF-8 replaced) and as
/// the exact NUL-terminated bytes to hand back to the <c>*at</c> calls.</summary>
internal readonly record struct DirectoryEntry(string Name, byte[] RawName, byte Type);

/// <summary>Reads the names of an open directory with <c>getdents64</c> (no <c>opendir</c>, no path walk).</summary>
internal static unsafe class DirectoryEntries
{
    private const int BufferSize = 8192;

    /// <summary>
    /// Every entry of <paramref name="dirFd"/> except <c>.</c> and <c>..</c>. Advances the descriptor's
    /// offset: use a descriptor opened for this enumeration. Returns the errno on failure (0 on success).
    /// </summary>
    /// <param name="dirFd">An open directory.</param>
    /// <param name="entries">Receives the entries.</param>
    /// <param name="dotNamesOnly">Only names that start with '.' (temporary files), so that a scan of a
    /// directory of resource files allocates nothing.</param>
    public static int ReadAll(int dirFd, List<DirectoryEntry> entries, bool dotNamesOnly = false)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            fixed (byte* p = buffer)
            {
                while (true)
                {
                    nint n = LibC.Getdents64(dirFd, p, (nuint)buffer.Length);
                    if (n < 0)
                    {
                        int errno = LibC.LastError;
                        if (errno == Errno.EINTR)
                        {
                            continue;
                        }

                        return errno;
                    }

                    if (n == 0)
                    {
                        return 0;
                    }

                    int offset = 0;
                    while (offset < n)
                    {
                        // struct linux_dirent64 { u64 d_ino; s64 d_off; u16 d_reclen; u8 d_type; char d_name[]; }
                        ReadOnlySpan<byte> record = new(p + offset, (int)n - offset);
                        ushort recordLength = *(ushort*)(p + offset + 16);
                        byte type = record[18];
                        ReadOnlySpan<byte> name = record[19..recordLength];
                        int nul = name.IndexOf((byte)0);
                        if (nul >= 0)
                        {
                            name = name[..nul];
                        }

                        if (!IsDotOrDotDot(name) && (!dotNamesOnly || (name.Length > 0 && name[0] == (byte)'.')))
                        {
                            byte[] raw = new byte[name.Length + 1];
                            name.CopyTo(raw);
                            entries.Add(new DirectoryEntry(Encoding.UTF8.GetString(name), raw, type));
                        }

                        offset += recordLength;
                    }
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static bool IsDotOrDotDot(ReadOnlySpan<byte> name) =>
        (name.Length == 1 && name[0] == (byte)'.') || (name.Length == 2 && name[0] == (byte)'.' && name[1] == (byte)'.');
}
