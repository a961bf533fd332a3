namespace Aot.Storage.ReliabilityTests.Infrastructure;

/// <summary>
/// A small file system mounted for one test: a tmpfs with a size limit, or an ext4 image on a loop device.
/// Mounting needs root (CI runs as root); where it is refused the constructor fails the test with the reason.
/// </summary>
internal sealed class SmallFileSystem : IDisposable
{
    private readonly string _image;
    private bool _mounted;

    private SmallFileSystem(string type, string directory, string image)
    {
        Type = type;
        MountPoint = directory;
        _image = image;
    }

    public string Type { get; }

    public string MountPoint { get; }

    public static SmallFileSystem Tmpfs(string size) => Mount("tmpfs", ["-t", "tmpfs", "-o", $"size={size},mode=0755", "tmpfs"], null);

    public static SmallFileSystem Ext4(string size)
    {
        string image = Path.Combine(Path.GetTempPath(), "aot-storage-reliability", "ext4-" + Guid.NewGuid().ToString("N") + ".img");
        Directory.CreateDirectory(Path.GetDirectoryName(image)!);
        Require(Run("truncate", "-s", size, image), "create the ext4 image");
        Require(Run("mkfs.ext4", "-q", "-F", image), "format the ext4 image (mkfs.ext4 from e2fsprogs)");
        return Mount("ext4", ["-o", "loop", image], image);
    }

    /// <summary>Bytes free for root.</summary>
    public long FreeBytes => new DriveInfo(MountPoint).TotalFreeSpace;

    /// <summary>Fills the file system with <paramref name="filler"/> until ENOSPC, then frees <paramref name="leaveFree"/> bytes.</summary>
    public void Fill(string filler, long leaveFree)
    {
        byte[] chunk = new byte[64 * 1024];
        Array.Fill(chunk, (byte)'x');
        using (var stream = new FileStream(filler, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.None))
        {
            // Large writes until ENOSPC, then smaller ones into what is left, down to single bytes.
            foreach (int size in new[] { chunk.Length, 4096, 512, 1 })
            {
                try
                {
                    while (true)
                    {
                        stream.Write(chunk, 0, size);
                    }
                }
                catch (IOException)
                {
                    // ENOSPC at this size.
                }
            }

            try
            {
                stream.Flush(flushToDisk: true);
            }
            catch (IOException)
            {
            }

            if (leaveFree > 0)
            {
                stream.SetLength(Math.Max(0, stream.Length - leaveFree));
                stream.Flush(flushToDisk: true);
            }
        }

        Run("sync", "-f", MountPoint);
    }

    /// <summary>Whether a file of <paramref name="length"/> bytes can be written and flushed now (the probe is removed).</summary>
    public bool Fits(int length)
    {
        string probe = Path.Combine(MountPoint, "probe");
        try
        {
            using (var stream = new FileStream(probe, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.None))
            {
                stream.Write(new byte[length], 0, length);
                stream.Flush(flushToDisk: true);
            }

            return true;
        }
        catch (IOException)
        {
            return false;
        }
        finally
        {
            File.Delete(probe);
        }
    }

    public void Dispose()
    {
        if (_mounted)
        {
            if (Run("umount", MountPoint).ExitCode != 0)
            {
                Run("umount", "-l", MountPoint);
            }

            _mounted = false;
        }

        try
        {
            Directory.Delete(MountPoint, recursive: true);
        }
        catch (IOException)
        {
        }

        if (_image.Length > 0)
        {
            File.Delete(_image);
        }
    }

    private static SmallFileSystem Mount(string type, string[] args, string? image)
    {
        string directory = Path.Combine(Path.GetTempPath(), "aot-storage-reliability", type + "-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var fs = new SmallFileSystem(type, directory, image ?? string.Empty);
        (int code, string text) = Run("mount", [.. args, directory]);
        if (code != 0)
        {
            fs.Dispose();
            Assert.Fail($"Cannot mount a {type} for the full-disk test (needs root or CAP_SYS_ADMIN; running as {Environment.UserName}): mount exited {code}: {text.Trim()}");
        }

        fs._mounted = true;
        return fs;
    }

    private static void Require((int ExitCode, string Output) result, string what)
    {
        if (result.ExitCode != 0)
        {
            Assert.Fail($"Cannot {what}: exit {result.ExitCode}: {result.Output.Trim()}");
        }
    }

    public static (int ExitCode, string Output) Run(string file, params string[] args)
    {
        using ChildProcess child = ChildProcess.Start(file, args);
        child.CloseInput();
        if (!child.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            return (-1, $"{file} did not finish");
        }

        return (child.ExitCode, string.Join("\n", child.Lines) + child.StandardError);
    }
}
