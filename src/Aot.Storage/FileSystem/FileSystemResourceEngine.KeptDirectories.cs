using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Aot.Storage.Native;

namespace Aot.Storage.FileSystem;

/// <summary>
/// Pod and container directories kept open between operations, so that a store or fetch works in a directory
/// it already holds instead of resolving the path again (an <c>openat2</c> and a <c>close</c>: a third of what
/// a store cost on top of the minimum system calls).
/// </summary>
/// <remarks>
/// A kept descriptor is only ever used with <c>*at</c> calls on names inside it, so it cannot lead outside the
/// tree. A directory that another process removes stays safe to hold: Linux refuses to create a file in a
/// removed directory (ENOENT) and finds nothing in it, so a store or fetch that meets ENOENT through a kept
/// descriptor forgets it and resolves the path again (a pod removed and created again is found). What a kept
/// descriptor does not notice is a directory moved away whole, which only tampering with the tree does; the
/// engine keeps writing into it until the descriptor is dropped (<see cref="Dispose"/>, the pod or container
/// deleted through this engine, or the cache filling up).
/// </remarks>
public sealed partial class FileSystemResourceEngine : IDisposable
{
    private readonly ConcurrentDictionary<DirectoryLocation, KeptDirectory> _keptDirectories = new();
    private readonly int _maxKeptDirectories;
    private volatile bool _disposed;

    /// <summary>Closes the directories this engine keeps open. Operations still work afterwards, each
    /// resolving its directory again, but nothing is kept any more.</summary>
    public void Dispose()
    {
        _disposed = true;
        ForgetKeptDirectories(static _ => true);
    }

    /// <summary>A descriptor of a kept directory, closed once the cache has let go of it and no operation
    /// uses it any more (SafeHandle counts the users).</summary>
    private sealed class KeptDirectory : SafeHandle
    {
        public KeptDirectory(int fd)
            : base(-1, ownsHandle: true) => SetHandle(fd);

        public override bool IsInvalid => handle < 0;

        public int Fd => (int)handle;

        /// <summary>The <see cref="ResourceKind.Bit"/>s of the files this engine has stored or read here: a store of
        /// any other kind expects the name to be free and renames with RENAME_NOREPLACE instead of looking first.</summary>
        public ulong KnownNames;

        /// <summary>When a store last looked for stale temporary files here: the engine's entry for this directory.</summary>
        public StrongBox<long>? ScanSchedule;

        public bool Knows(ResourceKind kind) => kind.Bit == 0 || (Volatile.Read(ref KnownNames) & kind.Bit) != 0;

        public void Learn(ResourceKind kind)
        {
            if ((Volatile.Read(ref KnownNames) & kind.Bit) != kind.Bit)
            {
                _ = Interlocked.Or(ref KnownNames, kind.Bit);
            }
        }

        protected override bool ReleaseHandle() => LibC.Close((int)handle) == 0;
    }

    /// <summary>A kept directory in use by one operation; released when the operation ends.</summary>
    private readonly struct DirectoryLease(KeptDirectory? kept) : IDisposable
    {
        /// <summary>The descriptor of the directory; -1 when the lease holds none (a level is missing).</summary>
        public int Fd => kept is null ? -1 : kept.Fd;

        public KeptDirectory? Directory => kept;

        public void Dispose() => kept?.DangerousRelease();
    }

    /// <summary>The kept descriptor of <paramref name="location"/>, counted as in use, or null.</summary>
    private KeptDirectory? AcquireKept(in DirectoryLocation location)
    {
        if (!_keptDirectories.TryGetValue(location, out KeptDirectory? kept))
        {
            return null;
        }

        bool added = false;
        try
        {
            kept.DangerousAddRef(ref added);
        }
        catch (ObjectDisposedException)
        {
            // Forgotten (and closed) between the lookup and now: resolve the path instead.
        }

        return added ? kept : null;
    }

    /// <summary>
    /// Opens the directory of <paramref name="location"/>: the kept descriptor if there is one, otherwise the
    /// path resolved again (and the descriptor kept for the next operations). <paramref name="missing"/> says
    /// which level does not exist; the lease then holds nothing.
    /// </summary>
    /// <remarks><paramref name="isKept"/> tells whether the descriptor came from the cache, i.e. may belong to
    /// a directory removed since (ENOENT through it means: forget it and try once more).</remarks>
    private DirectoryLease LeaseDirectory(in DirectoryLocation location, in ErrorContext ctx, out Missing missing, out bool isKept)
    {
        if (AcquireKept(location) is { } kept)
        {
            isKept = true;
            missing = Missing.None;
            return new DirectoryLease(kept);
        }

        isKept = false;
        var chain = new DirectoryChain();
        try
        {
            missing = OpenChain(location.Root, location.PodId, location.ContainerId, ctx, ref chain);
            if (missing != Missing.None)
            {
                return default;
            }

            return Keep(location, chain.TakeTarget());
        }
        finally
        {
            chain.Dispose();
        }
    }

    /// <summary>Takes <paramref name="fd"/> into the cache when there is room, and leases it to the caller either way.</summary>
    private DirectoryLease Keep(in DirectoryLocation location, int fd)
    {
        var kept = new KeptDirectory(fd) { ScanSchedule = ScanScheduleOf(location) };
        bool added = false;
        kept.DangerousAddRef(ref added);

        // Count takes every lock of the dictionary: not asked when nothing may be kept.
        if (_disposed || _maxKeptDirectories == 0 || _keptDirectories.Count >= _maxKeptDirectories || !_keptDirectories.TryAdd(location, kept))
        {
            // Not kept: closed as soon as this operation releases it.
            kept.Dispose();
        }
        else if (_disposed)
        {
            // Disposed while adding: make sure nothing stays open after Dispose returned.
            Forget(location);
        }

        return new DirectoryLease(kept);
    }

    /// <summary>Keeps a directory this engine has just created or opened, closing <paramref name="fd"/> if it is not kept.</summary>
    private void KeepOpened(in DirectoryLocation location, int fd)
    {
        DirectoryLease lease = Keep(location, fd);
        lease.Dispose();
    }

    /// <summary>Whether the directory <paramref name="dirFd"/> has been removed (a removed directory has no links).</summary>
    private static bool IsRemoved(int dirFd) => LibC.Fstatx(dirFd, out StatxBuffer st) == 0 && st.LinkCount == 0;

    private void Forget(in DirectoryLocation location)
    {
        if (_keptDirectories.TryRemove(location, out KeptDirectory? kept))
        {
            kept.Dispose();
        }
    }

    private void ForgetKeptDirectories(Func<DirectoryLocation, bool> which)
    {
        foreach (KeyValuePair<DirectoryLocation, KeptDirectory> entry in _keptDirectories)
        {
            if (which(entry.Key))
            {
                Forget(entry.Key);
            }
        }
    }

    private void ForgetPodDirectories(string podId) =>
        ForgetKeptDirectories(location => location.PodId == podId);

    private void ForgetContainerDirectories(string podId, string containerId) =>
        ForgetKeptDirectories(location => location.PodId == podId && location.ContainerId == containerId);
}
