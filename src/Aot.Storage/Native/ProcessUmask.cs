namespace Aot.Storage.Native;

/// <summary>
/// The process umask, read from the <c>Umask:</c> line of <c>/proc/self/status</c> (Linux 4.7 and later). umask(2)
/// reports the mask only by replacing it, and files that other threads create meanwhile would get the stand-in.
/// </summary>
internal static class ProcessUmask
{
    /// <summary>The mask, or null when it cannot be read (no /proc, an older kernel, an unexpected line).</summary>
    public static unsafe uint? Read()
    {
        int fd = LibC.Open("/proc/self/status", LibC.ORdOnly | LibC.OCloExec, 0);
        if (fd < 0)
        {
            return null;
        }

        try
        {
            // "Name:" (at most 64 bytes of escaped command name) comes first, then "Umask:".
            Span<byte> status = stackalloc byte[512];
            int length = 0;
            while (length < status.Length)
            {
                nint n;
                fixed (byte* p = status)
                {
                    n = LibC.Read(fd, p + length, (nuint)(status.Length - length));
                }

                if (n < 0 && LibC.LastError == Errno.EINTR)
                {
                    continue;
                }

                if (n <= 0)
                {
                    break;
                }

                length += (int)n;
            }

            return Parse(status[..length]);
        }
        finally
        {
            _ = LibC.Close(fd);
        }
    }

    /// <summary>The octal value of the <c>Umask:</c> line of a status text, or null.</summary>
    public static uint? Parse(ReadOnlySpan<byte> status)
    {
        ReadOnlySpan<byte> label = "\nUmask:\t"u8;
        int at = status.IndexOf(label);
        if (at < 0)
        {
            return null;
        }

        ReadOnlySpan<byte> digits = status[(at + label.Length)..];
        int end = digits.IndexOf((byte)'\n');
        if (end <= 0 || end > 4)
        {
            return null;
        }

        uint mask = 0;
        foreach (byte digit in digits[..end])
        {
            if (digit is < (byte)'0' or > (byte)'7')
            {
                return null;
            }

            mask = (mask * 8) + (uint)(digit - '0');
        }

        return mask;
    }
}
