using Aot.Storage.Native;

namespace Aot.Storage.FileSystem;

/// <summary>Pod and container directories: create, list, delete.</summary>
public sealed partial class FileSystemResourceEngine
{
    /// <summary>Deepest directory tree <see cref="DeletePod"/>/<see cref="DeleteContainer"/> descend into.</summary>
    private const int MaxRemoveDepth = 32;

    private const int MaxRemoveAttempts = 3;

    public void CreatePod(string podId)
    {
        ValidatePodId(podId, null);
        var ctx = new ErrorContext(podId, null, null);
        int lockPodFd = -1;
        StorageRoot lockRoot = default;
        try
        {
            foreach (StorageRoot root in DistinctRoots)
            {
                int rootFd = OpenRoot(root, create: true, ctx);
                try
                {
                    int podFd = EnsureDirectory(rootFd, podId, "pod directory", DurabilityOf(root), ctx, root, podId, null);
                    if (_lockKind is not null && RootPath(_lockKind.Root) == RootPath(root))
                    {
                        lockPodFd = podFd;
                        lockRoot = root;
                    }
                    else
                    {
                        KeepOpened(new DirectoryLocation(root, podId, null), podFd);
                    }
                }
                finally
                {
                    _ = LibC.Close(rootFd);
                }
            }

            // The lock file comes last: it is what Lock needs, so a pod is lockable only once its directories exist.
            if (_lockKind is not null && lockPodFd >= 0)
            {
                EnsureLockFile(lockPodFd, _lockKind, podId, ctx);
                KeepOpened(new DirectoryLocation(lockRoot, podId, null), lockPodFd);
                lockPodFd = -1;
            }
        }
        finally
        {
            CloseAndReset(ref lockPodFd);
        }

        FileSystemLog.PodCreated(_logger, podId);
    }

    /// <summary>Creates the lock file if missing (O_CREAT|O_EXCL, never truncating), or checks the one there.</summary>
    private void EnsureLockFile(int podFd, ResourceKind lockKind, string podId, in ErrorContext ctx)
    {
        var lockCtx = ctx with { Resource = lockKind.Name };
        int fd = LibC.OpenAt(podFd, lockKind.FileName, LibC.ORdOnly | LibC.OCreat | LibC.OExcl | LibC.OCloExec | LibC.ONoFollow | LibC.ONoCtty, FileMode);
        if (fd >= 0)
        {
            try
            {
                if (GiveMode(fd, FileMode, ref _fileModes) != 0)
                {
                    throw IOError("Cannot set the mode of lock file", LibC.LastError, lockCtx, LockPath());
                }
            }
            finally
            {
                _ = LibC.Close(fd);
            }

            if (DurabilityOf(lockKind.Root) == Durability.Full)
            {
                SyncDirectory(podFd, lockCtx, lockKind.Root, podId, null);
            }

            return;
        }

        int errno = LibC.LastError;
        if (errno != Errno.EEXIST)
        {
            throw IOError("Cannot create lock file", errno, lockCtx, LockPath());
        }

        if (LibC.StatxNoFollow(podFd, lockKind.FileName, out StatxBuffer st) != 0)
        {
            throw IOError("Cannot inspect lock file", LibC.LastError, lockCtx, LockPath());
        }

        if (!st.IsRegularFile)
        {
            throw NotRegularFile(st, lockCtx, LockPath());
        }

        // Built only for an error: the success path allocates nothing for messages.
        string LockPath() => JoinPath(lockKind.Root, podId, null, lockKind.FileName);
    }

    public void CreateContainer(string podId, string containerId)
    {
        ValidatePodId(podId, null);
        ValidateContainerId(podId, containerId, null);
        var ctx = new ErrorContext(podId, containerId, null);
        ReadOnlySpan<StorageRoot> roots = DistinctRoots;

        // Both pod directories first: nothing is created for a pod that does not exist (a kept pod directory
        // counts as existing; one removed meanwhile is found out below, before anything is made in it).
        DirectoryLease first = LeasePodDirectoryForContainer(roots[0], podId, containerId, ctx, out bool firstIsKept);
        try
        {
            bool secondIsKept = false;
            DirectoryLease second = roots.Length > 1 ? LeasePodDirectoryForContainer(roots[1], podId, containerId, ctx, out secondIsKept) : default;
            try
            {
                EnsureContainerDirectory(roots[0], ref first, firstIsKept, podId, containerId, ctx);
                if (roots.Length > 1)
                {
                    EnsureContainerDirectory(roots[1], ref second, secondIsKept, podId, containerId, ctx);
                }
            }
            finally
            {
                second.Dispose();
            }
        }
        finally
        {
            first.Dispose();
        }

        FileSystemLog.ContainerCreated(_logger, podId, containerId);
    }

    private DirectoryLease LeasePodDirectoryForContainer(StorageRoot root, string podId, string containerId, in ErrorContext ctx, out bool isKept)
    {
        DirectoryLease lease = LeaseDirectory(new DirectoryLocation(root, podId, null), ctx, out Missing missing, out isKept);
        return missing == Missing.None
            ? lease
            : throw new ResourceNotFoundException(MissingMessage(Missing.Pod, "create container"), podId, containerId, null, JoinPath(root, podId, null, null));
    }

    /// <summary>Creates the container directory in the leased pod directory, and keeps it. A kept pod directory
    /// that turns out to be removed is resolved again once (the pod may exist anew, or not at all).</summary>
    private void EnsureContainerDirectory(StorageRoot root, ref DirectoryLease podDirectory, bool isKept, string podId, string containerId, in ErrorContext ctx)
    {
        int fd = EnsureDirectory(podDirectory.Fd, containerId, "container directory", DurabilityOf(root), ctx, root, podId, containerId, parentMayBeGone: isKept);
        if (fd == ParentRemoved)
        {
            podDirectory.Dispose();
            podDirectory = default;
            Forget(new DirectoryLocation(root, podId, null));
            podDirectory = LeasePodDirectoryForContainer(root, podId, containerId, ctx, out _);
            fd = EnsureDirectory(podDirectory.Fd, containerId, "container directory", DurabilityOf(root), ctx, root, podId, containerId);
        }

        KeepOpened(new DirectoryLocation(root, podId, containerId), fd);
    }

    public IReadOnlyList<string> ListPods()
    {
        var ctx = new ErrorContext(null, null, null);
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (StorageRoot root in DistinctRoots)
        {
            int rootFd = OpenRoot(root, create: false, ctx);
            if (rootFd < 0)
            {
                continue;
            }

            try
            {
                AddSubdirectories(rootFd, names, ctx, RootPath(root));
            }
            finally
            {
                _ = LibC.Close(rootFd);
            }
        }

        return [.. names];
    }

    public IReadOnlyList<string> ListContainers(string podId)
    {
        ValidatePodId(podId, null);
        var ctx = new ErrorContext(podId, null, null);
        var names = new SortedSet<string>(StringComparer.Ordinal);
        bool podFound = false;
        foreach (StorageRoot root in DistinctRoots)
        {
            var chain = new DirectoryChain();
            try
            {
                if (OpenChain(root, podId, null, ctx, ref chain) != Missing.None)
                {
                    continue;
                }

                podFound = true;
                AddSubdirectories(chain.Pod, names, ctx, JoinPath(root, podId, null, null));
            }
            finally
            {
                chain.Dispose();
            }
        }

        return podFound
            ? [.. names]
            : throw new ResourceNotFoundException("Pod does not exist", podId, null, null, JoinPath(StorageRoot.Config, podId, null, null));
    }

    /// <summary>Adds the names of real (not symbolic-link) subdirectories that are valid IDs.</summary>
    private void AddSubdirectories(int dirFd, SortedSet<string> names, in ErrorContext ctx, string path)
    {
        var entries = new List<DirectoryEntry>();
        int errno = DirectoryEntries.ReadAll(dirFd, entries);
        if (errno != 0)
        {
            throw IOError("Cannot list directory", errno, ctx, path);
        }

        foreach (DirectoryEntry entry in entries)
        {
            if (!IsValidPodId(entry.Name))
            {
                continue;
            }

            bool isDirectory = entry.Type switch
            {
                LibC.DtDir => true,
                LibC.DtUnknown => LibC.StatxNoFollow(dirFd, entry.Name, out StatxBuffer st) == 0 && st.IsDirectory,
                _ => false,
            };
            if (isDirectory)
            {
                names.Add(entry.Name);
            }
        }
    }

    public bool DeleteContainer(string podId, string containerId)
    {
        // Go removed the whole pod for an empty container ID (W11): both IDs are checked before anything.
        ValidatePodId(podId, null);
        ValidateContainerId(podId, containerId, null);
        var ctx = new ErrorContext(podId, containerId, null);
        bool existed = false;
        foreach (StorageRoot root in DistinctRoots)
        {
            var chain = new DirectoryChain();
            try
            {
                if (OpenChain(root, podId, null, ctx, ref chain) != Missing.None)
                {
                    continue;
                }

                if (RemoveTree(chain.Pod, containerId, ctx, JoinPath(root, podId, containerId, null), 0))
                {
                    existed = true;
                    if (DurabilityOf(root) == Durability.Full)
                    {
                        SyncDirectory(chain.Pod, ctx, root, podId, null);
                    }
                }
            }
            finally
            {
                chain.Dispose();
            }
        }

        ForgetContainerDirectories(podId, containerId);
        FileSystemLog.ContainerDeleted(_logger, podId, containerId, existed);
        return existed;
    }

    public bool DeletePod(string podId)
    {
        ValidatePodId(podId, null);
        var ctx = new ErrorContext(podId, null, null);
        ReadOnlySpan<StorageRoot> roots = DistinctRoots;
        string? lockRootPath = _lockKind is null ? null : RootPath(_lockKind.Root);

        // The root that holds the lock file goes last, and the lock file last of all: until then the pod can
        // still be locked (and a waiter that gets the lock afterwards sees that the pod is gone).
        if (lockRootPath is not null && roots.Length == 2 && RootPath(roots[0]) == lockRootPath)
        {
            roots = [StorageRoot.Run, StorageRoot.Config];
        }

        bool existed = false;
        foreach (StorageRoot root in roots)
        {
            int rootFd = OpenRoot(root, create: false, ctx);
            if (rootFd < 0)
            {
                continue;
            }

            try
            {
                bool removed = RootPath(root) == lockRootPath
                    ? RemovePodKeepingLockLast(rootFd, podId, _lockKind!.FileName, ctx, JoinPath(root, podId, null, null))
                    : RemoveTree(rootFd, podId, ctx, JoinPath(root, podId, null, null), 0);
                if (removed)
                {
                    existed = true;
                    if (DurabilityOf(root) == Durability.Full)
                    {
                        SyncDirectory(rootFd, ctx, root, null, null);
                    }
                }
            }
            finally
            {
                _ = LibC.Close(rootFd);
            }
        }

        ForgetPodDirectories(podId);
        FileSystemLog.PodDeleted(_logger, podId, existed);
        return existed;
    }

    private bool RemovePodKeepingLockLast(int rootFd, string podId, string lockFileName, in ErrorContext ctx, string podPath)
    {
        byte[] podName = LibC.NameZ(podId);
        if (LibC.StatxNoFollow(rootFd, podName, out StatxBuffer st) != 0)
        {
            int errno = LibC.LastError;
            return errno == Errno.ENOENT ? false : throw IOError("Cannot inspect pod directory", errno, ctx, podPath);
        }

        if (!st.IsDirectory)
        {
            // A symbolic link (or file) planted at the pod's name: remove the entry itself, never its target.
            return UnlinkEntry(rootFd, podName, ctx, podPath);
        }

        int podFd = LibC.OpenAt(rootFd, podName, LibC.ORdOnly | LibC.ODirectory | LibC.ONoFollow | LibC.OCloExec, 0);
        if (podFd < 0)
        {
            int errno = LibC.LastError;
            return errno switch
            {
                Errno.ENOENT => false,
                Errno.ELOOP or Errno.ENOTDIR => UnlinkEntry(rootFd, podName, ctx, podPath),
                _ => throw IOError("Cannot open pod directory", errno, ctx, podPath),
            };
        }

        try
        {
            for (int attempt = 1; ; attempt++)
            {
                RemoveContents(podFd, lockFileName, ctx, podPath, 1);
                if (LibC.UnlinkAt(podFd, lockFileName, 0) != 0 && LibC.LastError is int lockErrno && lockErrno != Errno.ENOENT)
                {
                    throw IOError("Cannot delete lock file", lockErrno, ctx with { Resource = _lockKind?.Name }, podPath + "/" + lockFileName);
                }

                if (LibC.UnlinkAt(rootFd, podName, LibC.AtRemoveDir) == 0)
                {
                    return true;
                }

                int errno = LibC.LastError;
                if (errno == Errno.ENOENT)
                {
                    return true;
                }

                // Something was created in the directory meanwhile: go again, a bounded number of times.
                if (errno != Errno.ENOTEMPTY || attempt >= MaxRemoveAttempts)
                {
                    throw IOError("Cannot remove pod directory", errno, ctx, podPath);
                }
            }
        }
        finally
        {
            _ = LibC.Close(podFd);
        }
    }

    /// <summary>
    /// <c>rm -rf</c> of <paramref name="name"/> in <paramref name="parentFd"/>, beneath it only: directories are
    /// opened with O_NOFOLLOW, a symbolic link is unlinked and never followed. False if nothing was there.
    /// </summary>
    private bool RemoveTree(int parentFd, string name, in ErrorContext ctx, string path, int depth) =>
        RemoveTree(parentFd, LibC.NameZ(name), ctx, path, depth);

    private bool RemoveTree(int parentFd, byte[] name, in ErrorContext ctx, string path, int depth)
    {
        if (LibC.StatxNoFollow(parentFd, name, out StatxBuffer st) != 0)
        {
            int errno = LibC.LastError;
            return errno == Errno.ENOENT ? false : throw IOError("Cannot inspect entry to delete", errno, ctx, path);
        }

        if (!st.IsDirectory)
        {
            return UnlinkEntry(parentFd, name, ctx, path);
        }

        if (depth >= MaxRemoveDepth)
        {
            throw IOError("Cannot delete directory tree: it is too deep", Errno.ELOOP, ctx, path);
        }

        int fd = LibC.OpenAt(parentFd, name, LibC.ORdOnly | LibC.ODirectory | LibC.ONoFollow | LibC.OCloExec, 0);
        if (fd < 0)
        {
            int errno = LibC.LastError;
            return errno switch
            {
                Errno.ENOENT => false,

                // Replaced by a link since the statx: remove the link itself.
                Errno.ELOOP or Errno.ENOTDIR => UnlinkEntry(parentFd, name, ctx, path),
                _ => throw IOError("Cannot open directory to delete", errno, ctx, path),
            };
        }

        try
        {
            for (int attempt = 1; ; attempt++)
            {
                RemoveContents(fd, null, ctx, path, depth + 1);
                if (LibC.UnlinkAt(parentFd, name, LibC.AtRemoveDir) == 0)
                {
                    return true;
                }

                int errno = LibC.LastError;
                if (errno == Errno.ENOENT)
                {
                    return true;
                }

                if (errno != Errno.ENOTEMPTY || attempt >= MaxRemoveAttempts)
                {
                    throw IOError("Cannot remove directory", errno, ctx, path);
                }
            }
        }
        finally
        {
            _ = LibC.Close(fd);
        }
    }

    private void RemoveContents(int dirFd, string? keep, in ErrorContext ctx, string path, int depth)
    {
        if (LibC.Lseek(dirFd, 0, 0) < 0)
        {
            throw IOError("Cannot list directory to delete", LibC.LastError, ctx, path);
        }

        var entries = new List<DirectoryEntry>();
        int errno = DirectoryEntries.ReadAll(dirFd, entries);
        if (errno != 0)
        {
            throw IOError("Cannot list directory to delete", errno, ctx, path);
        }

        foreach (DirectoryEntry entry in entries)
        {
            if (entry.Name != keep)
            {
                RemoveTree(dirFd, entry.RawName, ctx, path + "/" + entry.Name, depth);
            }
        }
    }

    private static bool UnlinkEntry(int parentFd, byte[] name, in ErrorContext ctx, string path)
    {
        if (LibC.UnlinkAt(parentFd, name, 0) == 0)
        {
            return true;
        }

        int errno = LibC.LastError;
        return errno == Errno.ENOENT ? false : throw IOError("Cannot delete file", errno, ctx, path);
    }
}
