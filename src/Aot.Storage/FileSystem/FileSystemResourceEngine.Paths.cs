using System.Buffers;
using Aot.Storage.Native;

namespace Aot.Storage.FileSystem;

/// <summary>Resolution beneath a root: one descriptor per component, never following a symbolic link.</summary>
public sealed partial class FileSystemResourceEngine
{
    private enum Missing
    {
        None,
        Root,
        Pod,
        Container,
    }

    private readonly record struct ErrorContext(string? PodId, string? ContainerId, string? Resource);

    /// <summary>A pod or container directory under a root; the key of the stale-temporary-file schedule, and the
    /// parts of a message path, joined only when one is needed.</summary>
    private readonly record struct DirectoryLocation(StorageRoot Root, string PodId, string? ContainerId);

    private string PathOf(in DirectoryLocation directory, string? fileName) =>
        JoinPath(directory.Root, directory.PodId, directory.ContainerId, fileName);

    private string PathOf(ResourceKind kind, in ResourceAddress address) =>
        JoinPath(kind.Root, address.PodId, address.ContainerId, kind.FileName);

    /// <summary>The descriptors of one operation: root, pod directory, container directory (-1 when not open).</summary>
    private struct DirectoryChain
    {
        public int Root;
        public int Pod;
        public int Container;

        public DirectoryChain()
        {
            Root = -1;
            Pod = -1;
            Container = -1;
        }

        public readonly int Target => Container >= 0 ? Container : Pod;

        /// <summary>Hands <see cref="Target"/> over to the caller: <see cref="Dispose"/> no longer closes it.</summary>
        public int TakeTarget()
        {
            ref int target = ref Container >= 0 ? ref Container : ref Pod;
            int fd = target;
            target = -1;
            return fd;
        }

        public void Dispose()
        {
            CloseAndReset(ref Container);
            CloseAndReset(ref Pod);
            CloseAndReset(ref Root);
        }
    }

    private static void CloseAndReset(ref int fd)
    {
        if (fd >= 0)
        {
            _ = LibC.Close(fd);
            fd = -1;
        }
    }

    private static string MissingMessage(Missing missing, string operation) => missing switch
    {
        Missing.Container => $"Container directory does not exist (cannot {operation}; create the container first)",
        _ => $"Pod directory does not exist (cannot {operation}; create the pod first)",
    };

    /// <summary>
    /// Opens the pod directory or, if <paramref name="containerId"/> is given, the container directory. The
    /// common case is one <c>openat2</c> of the absolute path that refuses every symbolic link on the way; anything
    /// else (a missing level, a link, a kernel without <c>openat2</c>) goes through <see cref="OpenChainByComponent"/>,
    /// which tells which level is missing or wrong.
    /// </summary>
    private Missing OpenChain(StorageRoot root, string podId, string? containerId, in ErrorContext ctx, ref DirectoryChain chain)
    {
        int fd = TryOpenWithoutLinks(root, podId, containerId);
        if (fd >= 0)
        {
            if (containerId is null)
            {
                chain.Pod = fd;
            }
            else
            {
                chain.Container = fd;
            }

            return Missing.None;
        }

        return OpenChainByComponent(root, podId, containerId, ctx, ref chain);
    }

    /// <summary>
    /// <c>openat2("&lt;root&gt;/pod[/container]", O_DIRECTORY, RESOLVE_NO_SYMLINKS)</c> with the root's parents
    /// resolved once (<see cref="ResolvedRoot"/>): -1 on any failure, which the caller resolves again component
    /// by component for an exact error. Walking the path in the kernel in one call is what the component walk
    /// (root, pod, container: three opens and closes) cost most of a store.
    /// </summary>
    private int TryOpenWithoutLinks(StorageRoot root, string podId, string? containerId) =>
        TryOpenWithoutLinks(root, podId, containerId, null, LibC.ORdOnly | LibC.ODirectory | LibC.OCloExec);

    /// <summary>As above, for <paramref name="fileName"/> in that directory (or the directory itself if null),
    /// opened with <paramref name="flags"/>.</summary>
    private unsafe int TryOpenWithoutLinks(StorageRoot root, string podId, string? containerId, string? fileName, int flags)
    {
        if (s_openat2Unavailable || ResolvedRoot(root) is not { } prefix)
        {
            return -1;
        }

        // IDs are validated ASCII (ResourceIds) of at most MaxIdLengthLimit characters each, and so are file names.
        int length = prefix.Length + 1 + podId.Length + (containerId is null ? 0 : containerId.Length + 1) + (fileName is null ? 0 : fileName.Length + 1);
        byte[]? rented = length < 1024 ? null : ArrayPool<byte>.Shared.Rent(length + 1);
        Span<byte> path = rented ?? stackalloc byte[1024];
        prefix.CopyTo(path);
        int at = prefix.Length;
        AppendComponent(path, ref at, podId);
        AppendComponent(path, ref at, containerId);
        AppendComponent(path, ref at, fileName);
        path[at] = 0;
        try
        {
            fixed (byte* p = path)
            {
                for (int attempt = 0; attempt < 4; attempt++)
                {
                    int fd = LibC.OpenAt2(LibC.AtFdCwd, p, flags, LibC.ResolveNoSymlinks | LibC.ResolveNoMagicLinks);
                    if (fd >= 0)
                    {
                        return fd;
                    }

                    int errno = LibC.LastError;
                    switch (errno)
                    {
                        case Errno.EAGAIN or Errno.EINTR:
                            continue;

                        // No openat2 (kernel before 5.6), or a seccomp filter that refuses it: walk by component from now on.
                        case Errno.ENOSYS or Errno.EPERM or Errno.EINVAL:
                            s_openat2Unavailable = true;
                            return -1;

                        // A link or a file on the way: the root's parents may have changed since they were resolved.
                        case Errno.ELOOP or Errno.ENOTDIR:
                            ForgetResolvedRoot(root);
                            return -1;

                        default:
                            return -1;
                    }
                }

                return -1;
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static void AppendComponent(Span<byte> path, ref int at, string? component)
    {
        if (component is null)
        {
            return;
        }

        path[at++] = (byte)'/';
        foreach (char c in component)
        {
            path[at++] = (byte)c;
        }
    }

    /// <summary>
    /// The root as UTF-8 with its parents' symbolic links resolved (<c>realpath</c> of the parent plus the root's own
    /// name, which must not be a link), computed on first use; null while the parent cannot be resolved. Parents of
    /// a root are trusted configuration (e.g. <c>/var/run</c> → <c>/run</c>): the component walk follows them too.
    /// </summary>
    private byte[]? ResolvedRoot(StorageRoot root)
    {
        ref byte[]? slot = ref root == StorageRoot.Config ? ref _resolvedConfigRoot : ref _resolvedRunRoot;
        byte[]? resolved = Volatile.Read(ref slot);
        if (resolved is not null)
        {
            return resolved;
        }

        string path = RootPath(root);
        int slash = path.LastIndexOf('/');
        string? parent = slash <= 0 ? "/" : LibC.RealPath(path[..slash]);
        if (parent is null)
        {
            return null;
        }

        string joined = path.Length == 1 ? string.Empty : (parent == "/" ? string.Empty : parent) + path[slash..];
        resolved = System.Text.Encoding.UTF8.GetBytes(joined);
        Volatile.Write(ref slot, resolved);
        return resolved;
    }

    private void ForgetResolvedRoot(StorageRoot root)
    {
        ref byte[]? slot = ref root == StorageRoot.Config ? ref _resolvedConfigRoot : ref _resolvedRunRoot;
        Volatile.Write(ref slot, null);
    }

    /// <summary>Opens root, pod directory and, if <paramref name="containerId"/> is given, container directory,
    /// one <c>openat(O_NOFOLLOW)</c> at a time.</summary>
    private Missing OpenChainByComponent(StorageRoot root, string podId, string? containerId, in ErrorContext ctx, ref DirectoryChain chain)
    {
        chain.Root = OpenRoot(root, create: false, ctx);
        if (chain.Root < 0)
        {
            return Missing.Root;
        }

        chain.Pod = OpenDirectory(chain.Root, podId, "pod directory", ctx, root, podId, null);
        if (chain.Pod < 0)
        {
            return Missing.Pod;
        }

        if (containerId is not null)
        {
            chain.Container = OpenDirectory(chain.Pod, containerId, "container directory", ctx, root, podId, containerId);
            if (chain.Container < 0)
            {
                return Missing.Container;
            }
        }

        return Missing.None;
    }

    /// <summary>
    /// Opens a root directory (O_NOFOLLOW: the root itself may not be a symbolic link). Returns -1 if it does
    /// not exist and <paramref name="create"/> is false; otherwise creates it (and its parents) 0750.
    /// </summary>
    private int OpenRoot(StorageRoot root, bool create, in ErrorContext ctx)
    {
        string path = RootPath(root);
        const int Flags = LibC.ORdOnly | LibC.OCloExec;
        int fd = LibC.Open(path, Flags | LibC.ODirectory | LibC.ONoFollow, 0);
        if (fd >= 0)
        {
            return fd;
        }

        int errno = LibC.LastError;
        if (errno == Errno.ENOENT)
        {
            if (!create)
            {
                return -1;
            }

            CreateRootDirectories(path, ctx);
            fd = LibC.Open(path, Flags | LibC.ODirectory | LibC.ONoFollow, 0);
            if (fd >= 0)
            {
                return fd;
            }

            errno = LibC.LastError;
        }

        throw errno is Errno.ELOOP or Errno.ENOTDIR
            ? IOError("Cannot open storage root: it is a symbolic link or not a directory", errno, ctx, path)
            : IOError("Cannot open storage root", errno, ctx, path);
    }

    /// <summary><c>mkdir -p</c> of a root path, which is trusted configuration; created levels get 0750. It starts
    /// at the root itself and climbs only as far as levels are missing: usually only the last one or two are.</summary>
    private static void CreateRootDirectories(string path, in ErrorContext ctx)
    {
        if (LibC.Mkdir(path, DirectoryMode) != 0)
        {
            int errno = LibC.LastError;
            if (errno == Errno.EEXIST)
            {
                return;
            }

            int slash = path.LastIndexOf('/');
            if (errno != Errno.ENOENT || slash <= 0)
            {
                throw IOError("Cannot create storage root", errno, ctx, path);
            }

            CreateRootDirectories(path[..slash], ctx);
            if (LibC.Mkdir(path, DirectoryMode) != 0)
            {
                errno = LibC.LastError;
                if (errno == Errno.EEXIST)
                {
                    return;
                }

                throw IOError("Cannot create storage root", errno, ctx, path);
            }
        }

        if (LibC.Chmod(path, DirectoryMode) != 0)
        {
            throw IOError("Cannot set the mode of storage root", LibC.LastError, ctx, path);
        }
    }

    /// <summary>Opens the directory <paramref name="name"/> of <paramref name="parentFd"/> without following a
    /// symbolic link; -1 if it does not exist.</summary>
    private int OpenDirectory(int parentFd, string name, string what, in ErrorContext ctx, StorageRoot root, string podId, string? containerId)
    {
        int fd = LibC.OpenAt(parentFd, name, LibC.ORdOnly | LibC.ODirectory | LibC.ONoFollow | LibC.OCloExec, 0);
        if (fd >= 0)
        {
            return fd;
        }

        int errno = LibC.LastError;
        if (errno == Errno.ENOENT)
        {
            return -1;
        }

        string path = JoinPath(root, podId, containerId, null);
        throw errno is Errno.ELOOP or Errno.ENOTDIR
            ? IOError($"Cannot open {what}: it is a symbolic link or not a directory (links are never followed)", errno, ctx, path)
            : IOError($"Cannot open {what}", errno, ctx, path);
    }

    /// <summary><see cref="EnsureDirectory"/>: the parent, a kept descriptor, has been removed (mkdirat gave ENOENT).</summary>
    private const int ParentRemoved = -2;

    /// <summary>
    /// Creates (0750) the directory <paramref name="name"/> in <paramref name="parentFd"/> unless it exists, and opens it. With
    /// <paramref name="parentMayBeGone"/> (a kept descriptor), a parent that has been removed since it was opened
    /// gives <see cref="ParentRemoved"/> instead of an error: mkdirat of a plain name fails with ENOENT only there.
    /// </summary>
    private int EnsureDirectory(int parentFd, string name, string what, Durability durability, in ErrorContext ctx, StorageRoot root, string podId, string? containerId, bool parentMayBeGone = false)
    {
        bool created = LibC.MkdirAt(parentFd, name, DirectoryMode) == 0;
        if (!created)
        {
            int errno = LibC.LastError;
            if (errno == Errno.ENOENT && parentMayBeGone)
            {
                return ParentRemoved;
            }

            if (errno != Errno.EEXIST)
            {
                throw IOError($"Cannot create {what}", errno, ctx, JoinPath(root, podId, containerId, null));
            }
        }

        int fd = OpenDirectory(parentFd, name, what, ctx, root, podId, containerId);
        if (fd < 0)
        {
            throw IOError($"Cannot open {what}: it was removed while being created", Errno.ENOENT, ctx, JoinPath(root, podId, containerId, null));
        }

        if (created)
        {
            // A directory this engine just made holds no temporary file of a crashed writer to look for.
            MarkScannedForStaleTemporaryFiles(new DirectoryLocation(root, podId, containerId));
            try
            {
                if (GiveMode(fd, DirectoryMode, ref _directoryModes) != 0)
                {
                    throw IOError($"Cannot set the mode of {what}", LibC.LastError, ctx, JoinPath(root, podId, containerId, null));
                }

                if (durability == Durability.Full)
                {
                    SyncDirectory(parentFd, ctx, root, containerId is null ? null : podId, null);
                }
            }
            catch
            {
                _ = LibC.Close(fd);
                throw;
            }
        }

        return fd;
    }

    private static ResourceIOException IOError(string what, int errno, in ErrorContext ctx, string path) =>
        new($"{what}: {Errno.Describe(errno)}", errno, ctx.PodId, ctx.ContainerId, ctx.Resource, path);
}
