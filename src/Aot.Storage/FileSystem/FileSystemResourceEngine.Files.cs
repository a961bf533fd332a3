using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Aot.Storage.Json;
using Aot.Storage.Native;

namespace Aot.Storage.FileSystem;

/// <summary>Resource files: store (atomic write protocol), fetch, delete, exists.</summary>
public sealed partial class FileSystemResourceEngine
{
    private const int MaxTemporaryNameAttempts = 3;

    /// <summary>Largest resource file read (1 GiB); a bigger one is not a pod state file.</summary>
    private const long MaxResourceFileSize = 1L << 30;

    public bool Delete(ResourceAddress address)
    {
        ResourceKind kind = ValidateAddress(address, dataOnly: true);
        var ctx = new ErrorContext(address.PodId, address.ContainerId, kind.Name);
        var chain = new DirectoryChain();
        try
        {
            if (OpenChain(kind.Root, address.PodId, address.ContainerId, ctx, ref chain) != Missing.None)
            {
                FileSystemLog.Deleted(_logger, kind.Name, address.PodId, address.ContainerId, false);
                return false;
            }

            if (LibC.UnlinkAt(chain.Target, kind.FileName, 0) != 0)
            {
                int errno = LibC.LastError;
                if (errno == Errno.ENOENT)
                {
                    FileSystemLog.Deleted(_logger, kind.Name, address.PodId, address.ContainerId, false);
                    return false;
                }

                throw IOError("Cannot delete resource file", errno, ctx, JoinPath(kind.Root, address.PodId, address.ContainerId, kind.FileName));
            }

            if (DurabilityOf(kind.Root) == Durability.Full)
            {
                SyncDirectory(chain.Target, ctx, kind.Root, address.PodId, address.ContainerId);
            }

            FileSystemLog.Deleted(_logger, kind.Name, address.PodId, address.ContainerId, true);
            return true;
        }
        finally
        {
            chain.Dispose();
        }
    }

    public bool Exists(ResourceAddress address)
    {
        ResourceKind kind = ValidateAddress(address, dataOnly: false);
        var ctx = new ErrorContext(address.PodId, address.ContainerId, kind.Name);
        var chain = new DirectoryChain();
        try
        {
            if (OpenChain(kind.Root, address.PodId, address.ContainerId, ctx, ref chain) != Missing.None)
            {
                return false;
            }

            if (LibC.StatxNoFollow(chain.Target, kind.FileName, out StatxBuffer st) != 0)
            {
                int errno = LibC.LastError;
                return errno == Errno.ENOENT
                    ? false
                    : throw IOError("Cannot inspect resource file", errno, ctx, JoinPath(kind.Root, address.PodId, address.ContainerId, kind.FileName));
            }

            return st.IsRegularFile
                ? true
                : throw NotRegularFile(st, ctx, JoinPath(kind.Root, address.PodId, address.ContainerId, kind.FileName));
        }
        finally
        {
            chain.Dispose();
        }
    }

    private void StoreBytes(ResourceKind kind, in ResourceAddress address, ReadOnlySpan<byte> content)
    {
        var ctx = new ErrorContext(address.PodId, address.ContainerId, kind.Name);
        var directory = new DirectoryLocation(kind.Root, address.PodId, address.ContainerId);
        for (int attempt = 0; ; attempt++)
        {
            using DirectoryLease lease = LeaseDirectory(directory, ctx, out Missing missing, out bool isKept);
            if (missing != Missing.None)
            {
                throw new ResourceNotFoundException(
                    MissingMessage(missing, "store"),
                    address.PodId,
                    address.ContainerId,
                    kind.Name,
                    JoinPath(kind.Root, address.PodId, missing == Missing.Container ? address.ContainerId : null, null));
            }

            if (IsStaleTemporaryFileScanDue(directory, lease.Directory))
            {
                RemoveStaleTemporaryFiles(lease.Fd, directory);
            }

            // A kept directory knows which names it has seen; a name it has not is most likely new (pod creation).
            bool nameMayBeNew = isKept && !lease.Directory!.Knows(kind);
            if (WriteAtomic(lease.Fd, kind, content, DurabilityOf(kind.Root), ctx, directory, directoryMayBeGone: isKept && attempt == 0, nameMayBeNew))
            {
                lease.Directory?.Learn(kind);
                FileSystemLog.Stored(_logger, kind.Name, address.PodId, address.ContainerId, content.Length);
                return;
            }

            // The kept directory was removed (and perhaps created again) by someone else: resolve it again.
            Forget(directory);
        }
    }

    /// <summary>
    /// Writes <paramref name="content"/> to the file of <paramref name="kind"/> in <paramref name="dirFd"/>: temporary
    /// file (O_CREAT|O_EXCL|O_NOFOLLOW, 0640), write all, fsync, close, renameat, fsync of the directory.
    /// Nothing of the target changes unless the rename happens; the temporary file never outlives a failure.
    /// </summary>
    /// <remarks>Names go to the system as the kind's encoded file name and a temporary name formatted on the
    /// stack; paths for messages are built only when something fails: a store allocates nothing else.
    /// Returns false, having changed nothing, when <paramref name="directoryMayBeGone"/> and the directory turns
    /// out to be removed (no file can be created in it).</remarks>
    private unsafe bool WriteAtomic(int dirFd, ResourceKind kind, ReadOnlySpan<byte> content, Durability durability, in ErrorContext ctx, in DirectoryLocation directory, bool directoryMayBeGone, bool nameMayBeNew)
    {
        string fileName = kind.FileName;
        byte[] fileNameZ = kind.FileNameZ;

        // A name expected to be new is claimed with RENAME_NOREPLACE, and looked at only if it turns out taken.
        bool lookFirst = !nameMayBeNew || s_renameNoReplaceUnavailable;
        if (lookFirst)
        {
            CheckExistingTarget(dirFd, fileNameZ, ctx, directory, fileName);
        }

        Span<byte> temporaryName = stackalloc byte[MaxTemporaryNameLength];
        int fd = -1;
        fixed (byte* temporaryNameZ = temporaryName)
        fixed (byte* fileNamePointer = fileNameZ)
        {
            for (int attempt = 0; attempt < MaxTemporaryNameAttempts && fd < 0; attempt++)
            {
                FormatTemporaryName(fileNameZ, temporaryName);
                fd = LibC.OpenAt(dirFd, temporaryNameZ, LibC.OWrOnly | LibC.OCreat | LibC.OExcl | LibC.OCloExec | LibC.ONoFollow | LibC.ONoCtty, FileMode);
                if (fd < 0)
                {
                    int errno = LibC.LastError;
                    if (errno == Errno.ENOENT && directoryMayBeGone)
                    {
                        return false;
                    }

                    if (errno == Errno.ENOENT && IsRemoved(dirFd))
                    {
                        throw DirectoryRemovedWhileStoring(ctx, directory, directoryRemoved: true);
                    }

                    if (errno != Errno.EEXIST && errno != Errno.EINTR)
                    {
                        throw IOError("Cannot create temporary file", errno, ctx, PathOf(directory, NameOf(temporaryName)));
                    }
                }
            }

            if (fd < 0)
            {
                throw IOError("Cannot create temporary file: every name tried is taken", Errno.EEXIST, ctx, PathOf(directory, NameOf(temporaryName)));
            }

            bool renamed = false;
            try
            {
                Inject(StoreStep.TemporaryCreated);

                if (GiveMode(fd, FileMode, ref _fileModes) != 0)
                {
                    throw IOError("Cannot set the mode of temporary file", LibC.LastError, ctx, PathOf(directory, NameOf(temporaryName)));
                }

                WriteAll(fd, content, ctx, directory, temporaryName);
                Inject(StoreStep.Written);

                if (durability == Durability.Full)
                {
                    if (FsyncRetryingInterrupts(fd) is int syncErrno and not 0)
                    {
                        throw IOError("Cannot flush temporary file", syncErrno, ctx, PathOf(directory, NameOf(temporaryName)));
                    }
                }

                Inject(StoreStep.FileSynced);

                int toClose = fd;
                fd = -1;
                if (LibC.Close(toClose) != 0)
                {
                    // NFS and some FUSE file systems report write errors only here (W3).
                    throw IOError("Cannot close temporary file", LibC.LastError, ctx, PathOf(directory, NameOf(temporaryName)));
                }

                Inject(StoreStep.Closed);

                if (!lookFirst)
                {
                    if (LibC.RenameAt2(dirFd, temporaryNameZ, dirFd, fileNamePointer, LibC.RenameNoReplace) == 0)
                    {
                        renamed = true;
                    }
                    else
                    {
                        int errno = LibC.LastError;
                        if (errno is Errno.EINVAL or Errno.ENOSYS or Errno.EOPNOTSUPP)
                        {
                            // The file system (or the kernel) cannot refuse to replace: look first from now on.
                            s_renameNoReplaceUnavailable = true;
                        }
                        else if (errno == Errno.ENOENT)
                        {
                            throw DirectoryRemovedWhileStoring(ctx, directory, IsRemoved(dirFd));
                        }
                        else if (errno is not Errno.EEXIST and not Errno.EPERM)
                        {
                            throw IOError("Cannot rename temporary file to the resource file", errno, ctx, PathOf(directory, fileName));
                        }

                        // Taken after all (or no answer): the same look as a store that expects the name.
                        CheckExistingTarget(dirFd, fileNameZ, ctx, directory, fileName);
                    }
                }

                if (!renamed && LibC.RenameAt(dirFd, temporaryNameZ, dirFd, fileNamePointer) != 0)
                {
                    // ENOENT here means the temporary file is gone: a delete of the pod or container running at the
                    // same time removed it (and perhaps the directory), which only a delete does.
                    int errno = LibC.LastError;
                    throw errno == Errno.ENOENT
                        ? DirectoryRemovedWhileStoring(ctx, directory, IsRemoved(dirFd))
                        : IOError("Cannot rename temporary file over the resource file", errno, ctx, PathOf(directory, fileName));
                }

                renamed = true;
                Inject(StoreStep.Renamed);
            }
            catch
            {
                if (fd >= 0)
                {
                    _ = LibC.Close(fd);
                }

                if (!renamed)
                {
                    _ = LibC.UnlinkAt(dirFd, temporaryNameZ, 0);
                }

                throw;
            }
        }

        if (durability == Durability.Full)
        {
            if (FsyncRetryingInterrupts(dirFd) is int syncErrno and not 0)
            {
                throw IOError("The resource file was replaced but its directory cannot be flushed", syncErrno, ctx, PathOf(directory, null));
            }
        }

        Inject(StoreStep.DirectorySynced);
        return true;
    }

    /// <summary>A store that lost its directory, or its temporary file, to a delete running at the same time
    /// (without the pod lock): the pod or container is gone or going, as if the delete had come first.</summary>
    private ResourceNotFoundException DirectoryRemovedWhileStoring(in ErrorContext ctx, in DirectoryLocation directory, bool directoryRemoved)
    {
        bool pod = directory.ContainerId is null;
        return new ResourceNotFoundException(
            (directoryRemoved, pod) switch
            {
                (true, true) => "Pod directory was removed while storing (deleted at the same time)",
                (true, false) => "Container directory was removed while storing (deleted at the same time)",
                (false, true) => "Temporary file was removed while storing (pod being deleted at the same time)",
                (false, false) => "Temporary file was removed while storing (container being deleted at the same time)",
            },
            ctx.PodId,
            ctx.ContainerId,
            ctx.Resource,
            PathOf(directory, null));
    }

    /// <summary>A NUL-terminated name as a string, for messages.</summary>
    private static string NameOf(ReadOnlySpan<byte> nameZ)
    {
        int end = nameZ.IndexOf((byte)0);
        return System.Text.Encoding.UTF8.GetString(end < 0 ? nameZ : nameZ[..end]);
    }

    private void Inject(StoreStep step) => StoreFaultInjector?.Invoke(step);

    private unsafe void WriteAll(int fd, ReadOnlySpan<byte> content, in ErrorContext ctx, in DirectoryLocation directory, ReadOnlySpan<byte> fileNameZ)
    {
        fixed (byte* p = content)
        {
            int offset = 0;
            while (offset < content.Length)
            {
                nint n = LibC.Write(fd, p + offset, (nuint)(content.Length - offset));
                if (n < 0)
                {
                    int errno = LibC.LastError;
                    if (errno == Errno.EINTR)
                    {
                        continue;
                    }

                    throw IOError("Cannot write temporary file", errno, ctx, PathOf(directory, NameOf(fileNameZ)));
                }

                if (n == 0)
                {
                    throw IOError("Cannot write temporary file: the system wrote nothing", Errno.EIO, ctx, PathOf(directory, NameOf(fileNameZ)));
                }

                offset += (int)n;
            }
        }
    }

    /// <summary><c>fsync</c>, again after EINTR; 0 or the errno of the failure.</summary>
    private static int FsyncRetryingInterrupts(int fd)
    {
        while (LibC.Fsync(fd) != 0)
        {
            int errno = LibC.LastError;
            if (errno != Errno.EINTR)
            {
                return errno;
            }
        }

        return 0;
    }

    /// <summary>Flushes the directory <c>&lt;root&gt;[/&lt;pod&gt;[/&lt;container&gt;]]</c> held as
    /// <paramref name="dirFd"/>; its path is built only for the error.</summary>
    private void SyncDirectory(int dirFd, in ErrorContext ctx, StorageRoot root, string? podId, string? containerId)
    {
        if (FsyncRetryingInterrupts(dirFd) is int errno and not 0)
        {
            throw IOError("Cannot flush directory", errno, ctx, JoinPath(root, podId, containerId, null));
        }
    }

    private bool TryFetchBytes<T, TSerializer>(ResourceKind kind, in ResourceAddress address, TSerializer serializer, out T? value, out string missingMessage)
        where TSerializer : IPayloadSerializer<T>
    {
        var ctx = new ErrorContext(address.PodId, address.ContainerId, kind.Name);
        var chain = new DirectoryChain();
        int fd = -1;
        byte[]? buffer = null;
        try
        {
            // O_NONBLOCK: a FIFO planted at the name must not block the open; it is refused below. The file is
            // opened in one call when nothing is missing; otherwise the directories are walked to say what is.
            const int OpenFlags = LibC.ORdOnly | LibC.OCloExec | LibC.ONoCtty | LibC.ONonBlock;
            fd = TryOpenInKeptDirectory(new DirectoryLocation(kind.Root, address.PodId, address.ContainerId), kind, OpenFlags | LibC.ONoFollow, out int errno);
            if (fd == NotInKeptDirectory)
            {
                fd = TryOpenWithoutLinks(kind.Root, address.PodId, address.ContainerId, kind.FileName, OpenFlags);
                if (fd < 0)
                {
                    Missing missing = OpenChain(kind.Root, address.PodId, address.ContainerId, ctx, ref chain);
                    if (missing != Missing.None)
                    {
                        value = default;
                        missingMessage = MissingMessage(missing, "fetch");
                        return false;
                    }

                    fd = LibC.OpenAt(chain.Target, kind.FileName, OpenFlags | LibC.ONoFollow, 0);
                }

                errno = fd < 0 ? LibC.LastError : 0;
            }

            if (fd < 0)
            {
                if (errno == Errno.ENOENT)
                {
                    value = default;
                    missingMessage = "Resource file does not exist";
                    return false;
                }

                throw errno == Errno.ELOOP
                    ? IOError("Cannot open resource file: it is a symbolic link, which is never followed", errno, ctx, PathOf(kind, address))
                    : IOError("Cannot open resource file", errno, ctx, PathOf(kind, address));
            }

            int length = ReadAll(fd, ref buffer, ctx, kind, address);
            try
            {
                value = serializer.Deserialize(buffer.AsSpan(0, length));
            }
            catch (MalformedJsonException ex)
            {
                throw new CorruptResourceException(
                    string.Create(CultureInfo.InvariantCulture, $"Resource file does not parse: {ex.Reason} at byte offset {ex.ByteOffset}"),
                    ex.ByteOffset, address.PodId, address.ContainerId, kind.Name, PathOf(kind, address), ex);
            }
            catch (JsonException ex)
            {
                long offset = OffsetOf(buffer.AsSpan(0, length), ex);
                throw new CorruptResourceException(
                    string.Create(CultureInfo.InvariantCulture, $"Resource file does not parse: {FirstLine(ex.Message)} at byte offset {offset}"),
                    offset, address.PodId, address.ContainerId, kind.Name, PathOf(kind, address), ex);
            }

            FileSystemLog.Fetched(_logger, kind.Name, address.PodId, address.ContainerId, length);
            missingMessage = string.Empty;
            return true;
        }
        finally
        {
            if (fd >= 0)
            {
                _ = LibC.Close(fd);
            }

            chain.Dispose();
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    /// <summary><see cref="TryOpenInKeptDirectory"/>: no kept directory, or the file is not in it.</summary>
    private const int NotInKeptDirectory = -2;

    /// <summary>
    /// Opens the file of <paramref name="kind"/> in the kept descriptor of <paramref name="directory"/> (and notes that
    /// the name exists): the descriptor, -1 for a failure to report (<paramref name="errno"/>; ENOENT: no such file), or
    /// <see cref="NotInKeptDirectory"/> when nothing is kept or the kept directory has been removed since it was opened;
    /// it is then forgotten, and the caller resolves the path again (the pod may have been created anew).
    /// </summary>
    private int TryOpenInKeptDirectory(in DirectoryLocation directory, ResourceKind kind, int flags, out int errno)
    {
        errno = 0;
        if (AcquireKept(directory) is not { } kept)
        {
            return NotInKeptDirectory;
        }

        bool removed;
        int fd;
        try
        {
            fd = LibC.OpenAt(kept.Fd, kind.FileNameZ, flags, 0);
            errno = fd < 0 ? LibC.LastError : 0;
            if (fd >= 0)
            {
                kept.Learn(kind);
            }

            // A missing file is common (a TryFetch before the first store); a removed directory is not.
            removed = fd < 0 && errno == Errno.ENOENT && IsRemoved(kept.Fd);
        }
        finally
        {
            kept.DangerousRelease();
        }

        if (removed)
        {
            Forget(directory);
            return NotInKeptDirectory;
        }

        return fd;
    }

    /// <summary>Size of the first read of a fetch: the files of a typical pod all fit, so a fetch is openat, pread, close.</summary>
    private const int FirstReadSize = 16 * 1024;

    /// <summary>
    /// Reads the whole file into <paramref name="buffer"/> (rented) and returns its length. Regular files only: a FIFO
    /// or socket fails the positioned read (ESPIPE), a directory fails it (EISDIR), and anything that fails, reads
    /// nothing or fills the first buffer is inspected with <c>statx</c> before its bytes are trusted.
    /// </summary>
    /// <remarks>
    /// A read of a regular file that returns fewer bytes than asked for has reached the end of the file, so the
    /// common fetch needs neither <c>statx</c> (for the size) nor the read that would return 0. A store replaces a
    /// resource file by rename and never changes one in place, so the open file's content cannot move under the
    /// reads that a larger file needs.
    /// </remarks>
    private unsafe int ReadAll(int fd, ref byte[]? buffer, in ErrorContext ctx, ResourceKind kind, in ResourceAddress address)
    {
        buffer = ArrayPool<byte>.Shared.Rent(FirstReadSize);
        nint first = PRead(fd, buffer, 0);
        if (first > 0 && first < buffer.Length)
        {
            return (int)first;
        }

        int readErrno = first < 0 ? LibC.LastError : 0;
        if (LibC.Fstatx(fd, out StatxBuffer st) != 0)
        {
            throw IOError("Cannot inspect resource file", LibC.LastError, ctx, PathOf(kind, address));
        }

        if (!st.IsRegularFile)
        {
            throw NotRegularFile(st, ctx, PathOf(kind, address));
        }

        if (first < 0)
        {
            throw IOError("Cannot read resource file", readErrno, ctx, PathOf(kind, address));
        }

        if (st.Size > MaxResourceFileSize)
        {
            throw IOError(string.Create(CultureInfo.InvariantCulture, $"Resource file is too large ({st.Size} bytes)"), Errno.EFBIG, ctx, PathOf(kind, address));
        }

        int length = (int)first;
        while (length > 0 && (ulong)length != st.Size)
        {
            if (length == buffer.Length)
            {
                if (length >= MaxResourceFileSize)
                {
                    throw IOError("Resource file is too large", Errno.EFBIG, ctx, PathOf(kind, address));
                }

                // The size from statx is the usual answer; a file that turns out longer keeps doubling.
                long wanted = Math.Max((long)st.Size + 1, (long)length * 2);
                byte[] larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(wanted, MaxResourceFileSize + 1));
                buffer.AsSpan(0, length).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(buffer);
                buffer = larger;
            }

            nint n = PRead(fd, buffer, length);
            if (n < 0)
            {
                throw IOError("Cannot read resource file", LibC.LastError, ctx, PathOf(kind, address));
            }

            if (n == 0)
            {
                break;
            }

            length += (int)n;
        }

        return length;
    }

    /// <summary>pread(2) into the rest of <paramref name="buffer"/> from <paramref name="offset"/>, retried on EINTR.</summary>
    private static unsafe nint PRead(int fd, byte[] buffer, int offset)
    {
        fixed (byte* p = buffer)
        {
            while (true)
            {
                nint n = LibC.PRead(fd, p + offset, (nuint)(buffer.Length - offset), offset);
                if (n >= 0 || LibC.LastError != Errno.EINTR)
                {
                    return n;
                }
            }
        }
    }

    /// <summary>Absolute offset of a <see cref="JsonException"/> that only knows its line and column.</summary>
    private static long OffsetOf(ReadOnlySpan<byte> content, JsonException ex)
    {
        long line = ex.LineNumber ?? 0;
        long column = ex.BytePositionInLine ?? 0;
        int offset = 0;
        for (long i = 0; i < line && offset < content.Length; i++)
        {
            int newline = content[offset..].IndexOf((byte)'\n');
            if (newline < 0)
            {
                break;
            }

            offset += newline + 1;
        }

        return Math.Min(offset + column, content.Length);
    }

    private static string FirstLine(string message)
    {
        int newline = message.IndexOfAny(['\r', '\n']);
        return newline < 0 ? message : message[..newline];
    }

    /// <summary>
    /// Whether a store into <paramref name="directory"/> should look for stale temporary files first: on this
    /// engine's first store there (unless it made the directory), then once per
    /// <see cref="FileSystemStoreOptions.StaleTemporaryFileAge"/>.
    /// Scanning on every store cost three system calls per store for files that exist only after a crash; this
    /// way a restarted runtime cleans up at its first store and a long-running one within one age.
    /// </summary>
    private bool IsStaleTemporaryFileScanDue(in DirectoryLocation directory, KeptDirectory? kept)
    {
        // A kept directory carries its schedule: no second lookup of the same key per store.
        StrongBox<long> schedule = kept?.ScanSchedule ?? ScanScheduleOf(directory);
        long now = Environment.TickCount64;
        if (now - Volatile.Read(ref schedule.Value) < (long)_staleTemporaryFileAge.TotalMilliseconds)
        {
            return false;
        }

        Volatile.Write(ref schedule.Value, now);
        return true;
    }

    /// <summary>Tick count of a directory never looked at: due at once, and far from overflowing a subtraction.</summary>
    private const long NeverScanned = long.MinValue / 2;

    /// <summary>The last-scan tick count of <paramref name="directory"/>, shared by its kept directory if it has one.</summary>
    private StrongBox<long> ScanScheduleOf(in DirectoryLocation directory)
    {
        if (_lastStaleTemporaryFileScans.TryGetValue(directory, out StrongBox<long>? schedule))
        {
            return schedule;
        }

        // Forgetting every directory is harmless (the next stores just scan again) and bounds the memory.
        if (_lastStaleTemporaryFileScans.Count >= MaxTrackedScanDirectories)
        {
            _lastStaleTemporaryFileScans.Clear();
        }

        return _lastStaleTemporaryFileScans.GetOrAdd(directory, static _ => new StrongBox<long>(NeverScanned));
    }

    private void MarkScannedForStaleTemporaryFiles(in DirectoryLocation directory) =>
        Volatile.Write(ref ScanScheduleOf(directory).Value, Environment.TickCount64);

    /// <summary>
    /// Removes the temporary files that interrupted stores left in <paramref name="dirFd"/>: those whose
    /// writer process is gone, and those older than <see cref="FileSystemStoreOptions.StaleTemporaryFileAge"/>.
    /// Best effort: a failure is logged, never thrown, since the store itself can still succeed.
    /// </summary>
    private void RemoveStaleTemporaryFiles(int dirFd, in DirectoryLocation directory)
    {
        // A descriptor of its own: reading entries moves a descriptor's offset, and dirFd may be a kept one
        // that other operations use at the same time.
        int listFd = LibC.OpenAt(dirFd, ".", LibC.ORdOnly | LibC.ODirectory | LibC.OCloExec, 0);
        if (listFd < 0)
        {
            return;
        }

        // A per-thread list, taken out while in use (a logger could call back into the engine).
        List<DirectoryEntry> entries = s_scratchEntries ?? new List<DirectoryEntry>();
        s_scratchEntries = null;
        try
        {
            entries.Clear();
            if (DirectoryEntries.ReadAll(listFd, entries, dotNamesOnly: true) == 0)
            {
                RemoveStaleTemporaryFiles(dirFd, directory, entries);
            }
        }
        finally
        {
            _ = LibC.Close(listFd);
            entries.Clear();
            s_scratchEntries = entries;
        }
    }

    private void RemoveStaleTemporaryFiles(int dirFd, in DirectoryLocation directory, List<DirectoryEntry> entries)
    {
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        long maxAgeSeconds = (long)_staleTemporaryFileAge.TotalSeconds;
        foreach (DirectoryEntry entry in entries)
        {
            if (!TryParseTemporaryName(entry.Name, out int pid))
            {
                continue;
            }

            if (LibC.StatxNoFollow(dirFd, entry.Name, out StatxBuffer st) != 0 || st.IsDirectory)
            {
                continue;
            }

            // Seconds only, and no DateTimeOffset: a planted file may carry any timestamp.
            long ageSeconds = now - st.MtimeSeconds;
            string? reason = null;
            if (pid != Environment.ProcessId && !IsProcessAlive(pid))
            {
                reason = string.Create(CultureInfo.InvariantCulture, $"writer process {pid} is gone");
            }
            else if (ageSeconds > maxAgeSeconds)
            {
                reason = string.Create(CultureInfo.InvariantCulture, $"older than {_staleTemporaryFileAge.TotalSeconds:0.###} s");
            }

            if (reason is null)
            {
                continue;
            }

            if (LibC.UnlinkAt(dirFd, entry.Name, 0) == 0)
            {
                FileSystemLog.StaleTemporaryFileRemoved(_logger, PathOf(directory, entry.Name), reason);
            }
            else if (LibC.LastError is int errno && errno != Errno.ENOENT)
            {
                FileSystemLog.StaleTemporaryFileNotRemoved(_logger, PathOf(directory, entry.Name), Errno.Describe(errno));
            }
        }
    }

    [ThreadStatic]
    private static List<DirectoryEntry>? s_scratchEntries;

    private static bool IsProcessAlive(int pid) =>
        pid > 0 && (LibC.Kill(pid, 0) == 0 || LibC.LastError != Errno.ESRCH);

    /// <summary>Recognises <c>.&lt;file&gt;.tmp-&lt;pid&gt;-&lt;hex&gt;</c> (<see cref="CreateTemporaryName"/>).</summary>
    internal static bool TryParseTemporaryName(string name, out int pid)
    {
        pid = 0;
        if (name.Length < 2 || name[0] != '.')
        {
            return false;
        }

        int marker = name.LastIndexOf(".tmp-", StringComparison.Ordinal);
        int dash = name.LastIndexOf('-');
        if (marker < 1 || dash <= marker + 5 || dash == name.Length - 1)
        {
            return false;
        }

        foreach (char c in name.AsSpan(dash + 1))
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return int.TryParse(name.AsSpan(marker + 5, dash - marker - 5), NumberStyles.None, CultureInfo.InvariantCulture, out pid);
    }

    /// <summary>Refuses what a rename must not replace at <paramref name="fileNameZ"/>: a symbolic link (rename(2) would
    /// replace it without following it, but the tree was tampered with), a directory or anything else but a regular
    /// file. A regular file of another mode than <see cref="FileMode"/> tells that the umask may have changed.</summary>
    private void CheckExistingTarget(int dirFd, byte[] fileNameZ, in ErrorContext ctx, in DirectoryLocation directory, string fileName)
    {
        if (LibC.StatxNoFollow(dirFd, fileNameZ, out StatxBuffer existing) == 0)
        {
            if (!existing.IsRegularFile)
            {
                throw NotRegularFile(existing, ctx, PathOf(directory, fileName));
            }

            if (existing.Permissions != FileMode)
            {
                ModesSeenWrong();
            }
        }
        else if (LibC.LastError is int statErrno && statErrno != Errno.ENOENT)
        {
            throw IOError("Cannot inspect resource file", statErrno, ctx, PathOf(directory, fileName));
        }
    }

    /// <summary>
    /// Gives the file or directory just created as <paramref name="fd"/> exactly <paramref name="mode"/>, which the umask
    /// may have cut: fchmod when <paramref name="state"/> says it does; while that is not known, one fstat tells, and the
    /// answer stands for the engine's later creations. Returns 0, or -1 with errno set.
    /// </summary>
    private static int GiveMode(int fd, uint mode, ref int state)
    {
        int known = Volatile.Read(ref state);
        if (known == ModeGiven)
        {
            return 0;
        }

        if (known == ModeUnknown)
        {
            if (LibC.Fstatx(fd, out StatxBuffer created) == 0 && created.Permissions == mode)
            {
                _ = Interlocked.CompareExchange(ref state, ModeGiven, ModeUnknown);
                return 0;
            }

            Volatile.Write(ref state, ModeSet);
        }

        return LibC.Fchmod(fd, mode);
    }

    /// <summary>A file of another mode than <see cref="FileMode"/> at a resource's name: set every mode from now on.</summary>
    private void ModesSeenWrong()
    {
        Volatile.Write(ref _fileModes, ModeSet);
        Volatile.Write(ref _directoryModes, ModeSet);
    }

    private static ResourceIOException NotRegularFile(in StatxBuffer st, in ErrorContext ctx, string path)
    {
        (string what, int errno) = st.FileType switch
        {
            LibC.SIfLnk => ("a symbolic link, which is never followed", Errno.ELOOP),
            LibC.SIfDir => ("a directory", Errno.EISDIR),
            _ => ("not a regular file", Errno.EINVAL),
        };
        return new ResourceIOException($"Resource file is {what}", errno, ctx.PodId, ctx.ContainerId, ctx.Resource, path);
    }
}
