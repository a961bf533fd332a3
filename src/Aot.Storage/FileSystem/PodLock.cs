using Aot.Storage.Native;
using Microsoft.Extensions.Logging;

namespace Aot.Storage.FileSystem;

/// <summary>An flock held on <c>&lt;run&gt;/&lt;pod&gt;/lock</c> through its own open file description.</summary>
internal sealed class PodLock : IPodLock
{
    private readonly ILogger _logger;
    private readonly HeldPodLock _held;
    private int _fd;

    public PodLock(int fd, string podId, PodLockMode mode, string path, in StatxBuffer identity, ILogger logger)
    {
        _fd = fd;
        PodId = podId;
        Path = path;
        _logger = logger;
        _held = HeldPodLocks.Add(identity, mode);
    }

    ~PodLock()
    {
        // The lock must not outlive a forgotten Dispose forever: closing the descriptor releases it.
        int fd = Interlocked.Exchange(ref _fd, -1);
        if (fd >= 0)
        {
            _held.IsReleased = true;
            _ = LibC.Close(fd);
        }
    }

    public string PodId { get; }

    public PodLockMode Mode => _held.Mode;

    /// <summary>Path of the lock file.</summary>
    public string Path { get; }

    /// <summary>Inode of the lock file this lock is held on.</summary>
    internal ulong Inode => _held.Inode;

    internal bool IsHeld => Volatile.Read(ref _fd) >= 0;

    public void Dispose()
    {
        int fd = Interlocked.Exchange(ref _fd, -1);
        if (fd < 0)
        {
            return;
        }

        GC.SuppressFinalize(this);
        HeldPodLocks.Release(_held);

        // Close alone releases the lock (this description is ours only); LOCK_UN first as Go's unlockPod does.
        _ = LibC.Flock(fd, LibC.LockUn);
        _ = LibC.Close(fd);
        FileSystemLog.Unlocked(_logger, PodId, Mode);
    }

    public override string ToString() => $"{Mode.Name()} lock of pod {PodId} ({Path})";
}
