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

    /// <summary>Opens root, pod directory and, if <paramref name="containerId"/> is given, container directory.</summary>
    private Missing OpenChain(StorageRoot root, string podId, string? containerId, in ErrorContext ctx, ref DirectoryChain chain)
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

    /// <summary><c>mkdir -p</c> of a root path, which is trusted configuration; created levels get 0750.</summary>
    private static void CreateRootDirectories(string path, in ErrorContext ctx)
    {
        int index = 0;
        while (index < path.Length)
        {
            int next = path.IndexOf('/', index + 1);
            if (next < 0)
            {
                next = path.Length;
            }

            string prefix = path[..next];
            index = next;
            if (prefix.Length <= 1)
            {
                continue;
            }

            if (LibC.Mkdir(prefix, DirectoryMode) == 0)
            {
                if (LibC.Chmod(prefix, DirectoryMode) != 0)
                {
                    throw IOError("Cannot set the mode of storage root", LibC.LastError, ctx, prefix);
                }
            }
            else
            {
                int errno = LibC.LastError;
                if (errno != Errno.EEXIST)
                {
                    throw IOError("Cannot create storage root", errno, ctx, prefix);
                }
            }
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

    /// <summary>Creates (0750) or opens the directory <paramref name="name"/> of <paramref name="parentFd"/>.</summary>
    private int EnsureDirectory(int parentFd, string name, string what, Durability durability, in ErrorContext ctx, StorageRoot root, string podId, string? containerId)
    {
        bool created = LibC.MkdirAt(parentFd, name, DirectoryMode) == 0;
        if (!created)
        {
            int errno = LibC.LastError;
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
            try
            {
                if (LibC.Fchmod(fd, DirectoryMode) != 0)
                {
                    throw IOError($"Cannot set the mode of {what}", LibC.LastError, ctx, JoinPath(root, podId, containerId, null));
                }

                if (durability == Durability.Full)
                {
                    SyncDirectory(parentFd, ctx, JoinPath(root, containerId is null ? null : podId, null, null));
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
