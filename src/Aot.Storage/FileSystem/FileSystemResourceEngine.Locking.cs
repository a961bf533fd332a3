using System.Diagnostics;
using System.Globalization;
using Aot.Storage.Native;

namespace Aot.Storage.FileSystem;

/// <summary>
/// The pod lock: <c>flock</c> on <c>&lt;run&gt;/&lt;pod&gt;/lock</c> opened read-only, as Go's <c>lockPod</c>
/// does, so both runtimes (and <c>flock(1)</c>) exclude each other.
/// </summary>
/// <remarks>
/// flock locks belong to an open file description, so the lock is not re-entrant. A request from another thread
/// of the process waits like a request from another process. A conflicting request from the thread and flow that
/// hold the lock would wait for itself, so it throws <see cref="PodLockRecursionException"/> at once
/// (<see cref="HeldPodLocks"/> says exactly which requests count); two shared locks do not conflict.
/// </remarks>
public sealed partial class FileSystemResourceEngine
{
    private const int MaxBackoffMilliseconds = 10;

    /// <summary>How often a waiter checks that the file it waits on is still the pod's lock file.</summary>
    private static readonly TimeSpan s_lockFileCheckInterval = TimeSpan.FromMilliseconds(100);

    // How long a waiter whose lock file was unlinked keeps looking for its replacement before it reports
    // the pod as gone (short: it also bounds how far past its timeout such a waiter can run).
    private static readonly TimeSpan s_lockFileReplacementGrace = TimeSpan.FromMilliseconds(50);

    private enum LockFileState
    {
        Current,
        Replaced,
        Gone,
    }

    public IPodLock Lock(string podId, PodLockMode mode, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ValidatePodId(podId, null);
        ValidateMode(mode);
        if (timeout < TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "The timeout must be zero or more, or Timeout.InfiniteTimeSpan.");
        }

        ResourceKind lockKind = RequireLockKind(podId);
        bool infinite = timeout == Timeout.InfiniteTimeSpan;
        long start = Stopwatch.GetTimestamp();
        int delay = 1;
        long? missingSince = null;
        bool reopening = false;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int fd;
            StatxBuffer identity;
            string path;
            try
            {
                fd = OpenLockFile(podId, lockKind, out identity, out path);
                missingSince = null;
            }
            catch (ResourceNotFoundException) when (reopening && (missingSince is null || Stopwatch.GetElapsedTime(missingSince.Value) < s_lockFileReplacementGrace))
            {
                // The file we waited on was unlinked; a replacement (delete, then create) may not be there yet.
                // A pod that is really gone stays missing past the grace period and is reported as not found.
                missingSince ??= Stopwatch.GetTimestamp();
                Wait(1, cancellationToken);
                continue;
            }

            reopening = true;
            bool handedOver = false;
            try
            {
                ThrowIfRecursive(identity, mode, podId, path);
                long lastCheck = Stopwatch.GetTimestamp();
                while (true)
                {
                    if (TryFlock(fd, mode, podId, path))
                    {
                        LockFileState state = CheckLockFile(podId, lockKind, identity);
                        if (state == LockFileState.Current)
                        {
                            FileSystemLog.Locked(_logger, podId, mode, (long)Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                            var held = new PodLock(fd, podId, mode, path, identity, _logger);
                            handedOver = true;
                            return held;
                        }

                        // The file was unlinked (and maybe recreated) while we waited: this lock protects nothing.
                        _ = LibC.Flock(fd, LibC.LockUn);
                        FileSystemLog.LockFileReplaced(_logger, podId);
                        break;
                    }

                    TimeSpan elapsed = Stopwatch.GetElapsedTime(start);
                    if (!infinite && elapsed >= timeout)
                    {
                        // A holder in this flow on another thread (an async holder that resumed elsewhere after an
                        // await, or the code that started this thread) is not refused at once; say so now.
                        string inThisFlow = HeldPodLocks.FindConflict(identity, mode, anyThread: true) is { } holder
                            ? $"; this flow of execution holds it ({ModeName(holder.Mode)}, taken on another thread): a request nested in that lock waits for itself"
                            : string.Empty;
                        throw new LockTimeoutException(
                            string.Create(CultureInfo.InvariantCulture, $"Timed out after {timeout.TotalMilliseconds:0.###} ms waiting for the {ModeName(mode)} pod lock{inThisFlow}"),
                            podId, path, timeout);
                    }

                    int sleep = infinite ? delay : (int)Math.Min(delay, Math.Ceiling((timeout - elapsed).TotalMilliseconds));
                    Wait(Math.Max(sleep, 1), cancellationToken);
                    delay = Math.Min(delay * 2, MaxBackoffMilliseconds);

                    if (Stopwatch.GetElapsedTime(lastCheck) >= s_lockFileCheckInterval)
                    {
                        lastCheck = Stopwatch.GetTimestamp();
                        if (CheckLockFile(podId, lockKind, identity) != LockFileState.Current)
                        {
                            // Waiting on an unlinked inode would wait for the wrong lock: reopen the current file.
                            FileSystemLog.LockFileReplaced(_logger, podId);
                            break;
                        }
                    }
                }
            }
            finally
            {
                if (!handedOver)
                {
                    _ = LibC.Close(fd);
                }
            }
        }
    }

    public IPodLock? TryLock(string podId, PodLockMode mode)
    {
        ValidatePodId(podId, null);
        ValidateMode(mode);
        ResourceKind lockKind = RequireLockKind(podId);
        for (int attempt = 0; attempt < MaxRemoveAttempts; attempt++)
        {
            int fd = OpenLockFile(podId, lockKind, out StatxBuffer identity, out string path);
            bool handedOver = false;
            try
            {
                ThrowIfRecursive(identity, mode, podId, path);
                if (!TryFlock(fd, mode, podId, path))
                {
                    return null;
                }

                if (CheckLockFile(podId, lockKind, identity) == LockFileState.Current)
                {
                    FileSystemLog.Locked(_logger, podId, mode, 0);
                    var held = new PodLock(fd, podId, mode, path, identity, _logger);
                    handedOver = true;
                    return held;
                }

                _ = LibC.Flock(fd, LibC.LockUn);
                FileSystemLog.LockFileReplaced(_logger, podId);
            }
            finally
            {
                if (!handedOver)
                {
                    _ = LibC.Close(fd);
                }
            }
        }

        // The lock file keeps being replaced under us; report it as busy rather than spin.
        return null;
    }

    private static void ThrowIfRecursive(in StatxBuffer lockFile, PodLockMode mode, string podId, string path)
    {
        if (HeldPodLocks.FindConflict(lockFile, mode) is { } held)
        {
            throw new PodLockRecursionException(
                $"This thread already holds the {ModeName(held.Mode)} pod lock; a request for the {ModeName(mode)} lock of the same pod would wait for it for ever (release it first)",
                podId, path, held.Mode, mode);
        }
    }

    private static void ValidateMode(PodLockMode mode)
    {
        if (mode is not (PodLockMode.Shared or PodLockMode.Exclusive))
        {
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown lock mode.");
        }
    }

    private static string ModeName(PodLockMode mode) => mode == PodLockMode.Exclusive ? "exclusive" : "shared";

    /// <summary>One non-blocking <c>flock</c>; false if another description holds a conflicting lock.</summary>
    private static bool TryFlock(int fd, PodLockMode mode, string podId, string path)
    {
        int operation = (mode == PodLockMode.Exclusive ? LibC.LockEx : LibC.LockSh) | LibC.LockNb;
        while (LibC.Flock(fd, operation) != 0)
        {
            int errno = LibC.LastError;
            if (errno == Errno.EAGAIN)
            {
                return false;
            }

            if (errno != Errno.EINTR)
            {
                throw new ResourceIOException($"Cannot lock the pod lock file: {Errno.Describe(errno)}", errno, podId, null, null, path);
            }
        }

        return true;
    }

    private static void Wait(int milliseconds, CancellationToken cancellationToken)
    {
        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.WaitHandle.WaitOne(milliseconds);
            cancellationToken.ThrowIfCancellationRequested();
        }
        else
        {
            Thread.Sleep(milliseconds);
        }
    }

    /// <summary>Opens the lock file read-only (like Go's <c>os.Open</c>) beneath the root, without following links.</summary>
    private int OpenLockFile(string podId, ResourceKind lockKind, out StatxBuffer identity, out string path)
    {
        var ctx = new ErrorContext(podId, null, lockKind.Name);
        path = JoinPath(lockKind.Root, podId, null, lockKind.FileName);
        var chain = new DirectoryChain();
        try
        {
            if (OpenChain(lockKind.Root, podId, null, ctx, ref chain) != Missing.None)
            {
                throw new ResourceNotFoundException("Pod does not exist (no pod directory to lock)", podId, null, lockKind.Name, path);
            }

            int fd = LibC.OpenAt(chain.Pod, lockKind.FileName, LibC.ORdOnly | LibC.OCloExec | LibC.ONoFollow | LibC.ONoCtty | LibC.ONonBlock, 0);
            if (fd < 0)
            {
                int errno = LibC.LastError;
                throw errno switch
                {
                    Errno.ENOENT => new ResourceNotFoundException("Pod lock file does not exist (the pod was not created or is being deleted)", podId, null, lockKind.Name, path),
                    Errno.ELOOP => IOError("Cannot open pod lock file: it is a symbolic link, which is never followed", errno, ctx, path),
                    _ => IOError("Cannot open pod lock file", errno, ctx, path),
                };
            }

            if (LibC.Fstatx(fd, out identity) != 0)
            {
                int errno = LibC.LastError;
                _ = LibC.Close(fd);
                throw IOError("Cannot inspect pod lock file", errno, ctx, path);
            }

            if (!identity.IsRegularFile)
            {
                _ = LibC.Close(fd);
                throw NotRegularFile(identity, ctx, path);
            }

            return fd;
        }
        finally
        {
            chain.Dispose();
        }
    }

    /// <summary>Whether the path still names the inode we hold, resolved again from the root.</summary>
    private LockFileState CheckLockFile(string podId, ResourceKind lockKind, in StatxBuffer identity)
    {
        var ctx = new ErrorContext(podId, null, lockKind.Name);
        var chain = new DirectoryChain();
        try
        {
            if (OpenChain(lockKind.Root, podId, null, ctx, ref chain) != Missing.None)
            {
                return LockFileState.Gone;
            }

            if (LibC.StatxNoFollow(chain.Pod, lockKind.FileName, out StatxBuffer current) != 0)
            {
                int errno = LibC.LastError;
                return errno == Errno.ENOENT
                    ? LockFileState.Gone
                    : throw IOError("Cannot inspect pod lock file", errno, ctx, JoinPath(lockKind.Root, podId, null, lockKind.FileName));
            }

            return current.SameFileAs(identity) ? LockFileState.Current : LockFileState.Replaced;
        }
        finally
        {
            chain.Dispose();
        }
    }
}
