using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Aot.Storage.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Aot.Storage.FileSystem;

/// <summary>
/// Keeps a resource set in the virtcontainers layout (<c>&lt;config&gt;/&lt;pod&gt;/config.json</c>,
/// <c>&lt;run&gt;/&lt;pod&gt;/&lt;cid&gt;/state.json</c>, <c>&lt;run&gt;/&lt;pod&gt;/lock</c>, ...), byte-compatible
/// with Go's <c>filesystem.go</c>, without its bugs.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Every pod and container ID is checked against <see cref="ResourceIds"/> on every call; a container
/// (and pod) ID equal to a resource file name is refused.</item>
/// <item>A directory (or, for a fetch, the file) is opened with one <c>openat2(RESOLVE_NO_SYMLINKS)</c> of its
/// path below the root's resolved parent; on any failure, or without <c>openat2</c>, the path is resolved one
/// component at a time from a descriptor of the root with <c>openat(O_NOFOLLOW|O_DIRECTORY)</c>. Either way no
/// symbolic link is ever followed beneath (or at) a root. Pod and container directories, once opened, are kept
/// open for the next operations (<see cref="FileSystemStoreOptions.MaxOpenDirectories"/>; see
/// <see cref="Dispose"/>).</item>
/// <item>A store writes a temporary file in the target directory, flushes it (<see cref="Durability.Full"/>),
/// renames it over the resource and flushes the directory; on any failure the previous file stays as it
/// was and the temporary file is removed.</item>
/// <item>Directories are created 0750 and files 0640 whatever the umask.</item>
/// <item>The pod lock is an flock on <c>&lt;run&gt;/&lt;pod&gt;/lock</c>, the file Go's <c>lockPod</c> flocks.</item>
/// </list>
/// Stores need the pod (and container) directories to exist: <see cref="CreatePod"/> and
/// <see cref="CreateContainer"/> make them, so that a late store cannot bring a deleted pod back.
/// </remarks>
public sealed partial class FileSystemResourceEngine : IResourceEngine
{
    /// <summary>0750.</summary>
    internal const uint DirectoryMode = 0b111_101_000;

    /// <summary>Directories whose last stale-temporary-file scan is remembered before the list starts over.</summary>
    private const int MaxTrackedScanDirectories = 4096;

    /// <summary>0640.</summary>
    internal const uint FileMode = 0b110_100_000;

    private readonly string _configRoot;
    private readonly string _runRoot;
    private readonly Durability _configDurability;
    private readonly Durability _runDurability;
    private readonly ILogger _logger;
    private readonly int _maxIdLength;
    private readonly TimeSpan _staleTemporaryFileAge;
    private readonly HashSet<ResourceKind> _kinds;
    private readonly ResourceKind? _lockKind;
    /// <summary>Tick counts in boxes: a reference value shares the dictionary's code with the kept directories'
    /// (a NativeAOT binary carries one copy per value-type instantiation).</summary>
    private readonly ConcurrentDictionary<DirectoryLocation, StrongBox<long>> _lastStaleTemporaryFileScans = new();
    private byte[]? _resolvedConfigRoot;
    private byte[]? _resolvedRunRoot;

    /// <summary>What <see cref="GiveMode(int, uint, ref int)"/> knows: whether openat and mkdirat give this engine's
    /// files and directories their modes (the umask leaves 0640 and 0750 whole: 022, 027, 002, 007, 000, ...), or each
    /// needs fchmod. Learned from the first file and the first directory the engine creates (one fstat each), and set
    /// to <see cref="ModeSet"/> for good when a store finds a file of another mode at its name: the umask may have
    /// changed since, and a file made meanwhile came out stricter, never looser; it gets 0640 at its next store.</summary>
    private int _fileModes;
    private int _directoryModes;

    private const int ModeUnknown = 0;
    private const int ModeGiven = 1;
    private const int ModeSet = 2;

    /// <summary>Set once <c>openat2</c> turned out to be missing or refused in this process.</summary>
    private static volatile bool s_openat2Unavailable;

    /// <summary>Set once renameat2's RENAME_NOREPLACE turned out to be unsupported (EINVAL, ENOSYS, EOPNOTSUPP) in this
    /// process; every store then looks at the name before it renames. Internal for the tests of that path: the file
    /// systems on a test machine (tmpfs, ext4) all support the flag.</summary>
    internal static volatile bool s_renameNoReplaceUnavailable;

    public FileSystemResourceEngine(IResourceRouting routing, FileSystemStoreOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(routing);
        options ??= new FileSystemStoreOptions();
        Routing = routing;
        _configRoot = NormalizeRoot(options.ConfigRoot, nameof(options.ConfigRoot));
        _runRoot = NormalizeRoot(options.RunRoot, nameof(options.RunRoot));
        _configDurability = options.ConfigDurability;
        _runDurability = options.RunDurability;
        _logger = options.Logger ?? NullLogger.Instance;
        if (options.MaxIdLength is < 1 or > FileSystemStoreOptions.MaxIdLengthLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxIdLength, $"MaxIdLength must be between 1 and {FileSystemStoreOptions.MaxIdLengthLimit}.");
        }

        _maxIdLength = options.MaxIdLength;
        if (options.MaxOpenDirectories < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxOpenDirectories, "MaxOpenDirectories must not be negative.");
        }

        _maxKeptDirectories = options.MaxOpenDirectories;
        _staleTemporaryFileAge = options.StaleTemporaryFileAge < TimeSpan.Zero ? TimeSpan.Zero : options.StaleTemporaryFileAge;

        _kinds = new HashSet<ResourceKind>(ReferenceEqualityComparer.Instance);
        foreach (ResourceKind kind in routing.Kinds)
        {
            ValidateFileName(kind);
            _kinds.Add(kind);
        }

        _lockKind = routing.LockKind;
        if (_lockKind is not null && (!_kinds.Contains(_lockKind) || _lockKind.RequiresContainerId))
        {
            throw new ArgumentException($"The lock kind '{_lockKind.Name}' must be a pod-level kind of the routing table.", nameof(routing));
        }
    }

    public IResourceRouting Routing { get; }

    /// <summary>Absolute path of the configuration tree.</summary>
    public string ConfigRoot => _configRoot;

    /// <summary>Absolute path of the run-time tree.</summary>
    public string RunRoot => _runRoot;

    /// <summary>Longest ID accepted.</summary>
    public int MaxIdLength => _maxIdLength;

    /// <summary>Test seam: the name of the next temporary file for a resource file name.</summary>
    internal Func<string, string>? TemporaryNameOverride { get; set; }

    /// <summary>Test seam: resolve every directory component by component, as on a kernel without <c>openat2</c>.</summary>
    internal static bool ComponentWalkOnly
    {
        get => s_openat2Unavailable;
        set => s_openat2Unavailable = value;
    }

    /// <summary>Test seam: called after each step of the write protocol; an exception thrown here is a failure at that point.</summary>
    internal Action<StoreStep>? StoreFaultInjector { get; set; }

    /// <summary>Whether <paramref name="id"/> is a pod ID this engine accepts.</summary>
    public bool IsValidPodId(string? id) => id is not null && ResourceIds.IsValid(id, _maxIdLength) && !Routing.IsReservedName(id);

    /// <summary>Whether <paramref name="id"/> is a container ID this engine accepts (not a resource file name).</summary>
    public bool IsValidContainerId(string? id) => IsValidPodId(id);

    public string GetPath(ResourceAddress address)
    {
        ResourceKind kind = ValidateAddress(address, dataOnly: false);
        return JoinPath(kind.Root, address.PodId, address.ContainerId, kind.FileName);
    }

    /// <summary>The pod's directory under one root (Go's <c>podURI</c> directory).</summary>
    public string GetPodPath(StorageRoot root, string podId)
    {
        ValidatePodId(podId, null);
        return JoinPath(root, podId, null, null);
    }

    /// <summary>The container's directory under one root.</summary>
    public string GetContainerPath(StorageRoot root, string podId, string containerId)
    {
        ValidatePodId(podId, null);
        ValidateContainerId(podId, containerId, null);
        return JoinPath(root, podId, containerId, null);
    }

    /// <summary>Path of the pod's lock file.</summary>
    public string GetLockPath(string podId)
    {
        ValidatePodId(podId, null);
        ResourceKind kind = RequireLockKind(podId);
        return JoinPath(kind.Root, podId, null, kind.FileName);
    }

    public void Store<T>(ResourceAddress address, T value, JsonCodec<T> codec)
    {
        ArgumentNullException.ThrowIfNull(codec);
        StoreCore(address, value, new CodecSerializer<T>(codec));
    }

    public T Fetch<T>(ResourceAddress address, JsonCodec<T> codec)
    {
        ArgumentNullException.ThrowIfNull(codec);
        return FetchCore<T, CodecSerializer<T>>(address, new CodecSerializer<T>(codec));
    }

    public bool TryFetch<T>(ResourceAddress address, JsonCodec<T> codec, out T? value)
    {
        ArgumentNullException.ThrowIfNull(codec);
        return TryFetchCore(address, new CodecSerializer<T>(codec), out value);
    }

    public T Update<T>(ResourceAddress address, JsonCodec<T> codec, Func<T?, T> update, TimeSpan lockTimeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(codec);
        return UpdateCore(address, new CodecSerializer<T>(codec), update, lockTimeout, cancellationToken);
    }

    internal void StoreCore<T, TSerializer>(in ResourceAddress address, T value, TSerializer serializer)
        where TSerializer : IPayloadSerializer<T>
    {
        ResourceKind kind = ValidateAddress(address, dataOnly: true);

        // Serialize before anything is created or opened: a failing serializer leaves the disk untouched (W2).
        PooledBufferWriter buffer = PooledBufferWriter.Rent();
        try
        {
            serializer.Serialize(value, buffer);
            StoreBytes(kind, address, buffer.WrittenSpan);
        }
        finally
        {
            PooledBufferWriter.Return(buffer);
        }
    }

    internal T FetchCore<T, TSerializer>(in ResourceAddress address, TSerializer serializer)
        where TSerializer : IPayloadSerializer<T>
    {
        ResourceKind kind = ValidateAddress(address, dataOnly: true);
        if (!TryFetchBytes(kind, address, serializer, out T? value, out string? missing))
        {
            throw new ResourceNotFoundException(missing, address.PodId, address.ContainerId, kind.Name, JoinPath(kind.Root, address.PodId, address.ContainerId, kind.FileName));
        }

        return value!;
    }

    internal bool TryFetchCore<T, TSerializer>(in ResourceAddress address, TSerializer serializer, out T? value)
        where TSerializer : IPayloadSerializer<T>
    {
        ResourceKind kind = ValidateAddress(address, dataOnly: true);
        return TryFetchBytes(kind, address, serializer, out value, out _);
    }

    internal T UpdateCore<T, TSerializer>(in ResourceAddress address, TSerializer serializer, Func<T?, T> update, TimeSpan lockTimeout, CancellationToken cancellationToken)
        where TSerializer : IPayloadSerializer<T>
    {
        ArgumentNullException.ThrowIfNull(update);
        ValidateAddress(address, dataOnly: true);
        using IPodLock podLock = Lock(address.PodId, PodLockMode.Exclusive, lockTimeout, cancellationToken);
        TryFetchCore(address, serializer, out T? current);
        T next = update(current);
        StoreCore(address, next, serializer);
        return next;
    }

    /// <summary>The temporary-file name of a store of <paramref name="fileName"/>:
    /// <c>.&lt;file&gt;.tmp-&lt;pid&gt;-&lt;8 hex digits&gt;</c>. The leading dot keeps it outside the ID grammar.</summary>
    internal static string CreateTemporaryName(string fileName)
    {
        Span<byte> name = stackalloc byte[MaxTemporaryNameLength];
        FormatRandomTemporaryName(Native.LibC.NameZ(fileName), name);
        return Encoding.UTF8.GetString(name[..name.IndexOf((byte)0)]);
    }

    /// <summary>Room for <c>.&lt;file&gt;.tmp-&lt;pid&gt;-&lt;8 hex digits&gt;</c> and its NUL, the file name at most NAME_MAX.</summary>
    private const int MaxTemporaryNameLength = 1 + 255 + 5 + 10 + 1 + 8 + 1;

    /// <summary>
    /// Writes <c>.&lt;file&gt;.tmp-&lt;pid&gt;-&lt;8 random hex digits&gt;</c> and a NUL into
    /// <paramref name="destination"/> (or <see cref="TemporaryNameOverride"/>'s name, for tests): the writer's
    /// PID lets a later store tell a dead writer's file from a live one's.
    /// </summary>
    private void FormatTemporaryName(ReadOnlySpan<byte> fileNameZ, Span<byte> destination)
    {
        if (TemporaryNameOverride is { } overrideName)
        {
            int written = Encoding.UTF8.GetBytes(overrideName(Encoding.UTF8.GetString(fileNameZ[..^1])), destination);
            destination[written] = 0;
            return;
        }

        FormatRandomTemporaryName(fileNameZ, destination);
    }

    private static void FormatRandomTemporaryName(ReadOnlySpan<byte> fileNameZ, Span<byte> destination)
    {
        ReadOnlySpan<byte> fileName = fileNameZ[..^1];
        destination[0] = (byte)'.';
        fileName.CopyTo(destination[1..]);
        int at = 1 + fileName.Length;
        ".tmp-"u8.CopyTo(destination[at..]);
        at += 5;

        // Digits by hand: number formatting into UTF-8 spans would bring a generic copy of the whole
        // formatter into a NativeAOT binary.
        uint pid = (uint)Environment.ProcessId;
        int digits = 1;
        for (uint rest = pid / 10; rest != 0; rest /= 10)
        {
            digits++;
        }

        for (int i = digits - 1; i >= 0; i--, pid /= 10)
        {
            destination[at + i] = (byte)('0' + (pid % 10));
        }

        at += digits;
        destination[at++] = (byte)'-';

        // 32 random bits: O_EXCL and a retry settle a clash, and a name of at most 39 bytes (up to hypervisor.json
        // and a 7-digit PID) is stored inside the kernel's dentry; a longer one costs an allocation per store.
        uint random = (uint)Random.Shared.NextInt64();
        for (int shift = 28; shift >= 0; shift -= 4)
        {
            destination[at++] = (byte)"0123456789abcdef"[(int)((random >> shift) & 0xF)];
        }

        destination[at] = 0;
    }

    private ResourceKind ValidateAddress(in ResourceAddress address, bool dataOnly)
    {
        ResourceKind? kind = address.Kind;
        if (kind is null)
        {
            throw new InvalidResourceIdException("Invalid pod resource: the address has no resource kind", Display(address.PodId), Display(address.ContainerId), null);
        }

        if (!_kinds.Contains(kind))
        {
            throw new InvalidResourceIdException($"Invalid pod resource: kind '{kind.Name}' is not in this engine's routing table", Display(address.PodId), Display(address.ContainerId), kind.Name);
        }

        ValidatePodId(address.PodId, kind.Name);
        if (address.ContainerId is null)
        {
            if (!kind.AllowsPod)
            {
                throw new InvalidResourceIdException($"Invalid pod resource: '{kind.Name}' is stored per container, a container ID is required", address.PodId, null, kind.Name);
            }
        }
        else
        {
            ValidateContainerId(address.PodId, address.ContainerId, kind.Name);
            if (!kind.AllowsContainer)
            {
                throw new InvalidResourceIdException($"Invalid pod resource: '{kind.Name}' is stored per pod, it cannot be addressed with a container ID", address.PodId, address.ContainerId, kind.Name);
            }
        }

        if (dataOnly && kind.IsLock)
        {
            throw new InvalidResourceIdException($"Invalid pod resource: '{kind.Name}' is the pod lock file, not a data resource", address.PodId, address.ContainerId, kind.Name);
        }

        return kind;
    }

    private void ValidatePodId(string? podId, string? resource)
    {
        string? problem = DescribeIdProblem(podId, "Pod ID");
        if (problem is not null)
        {
            throw new InvalidResourceIdException(problem, Display(podId), null, resource);
        }
    }

    private void ValidateContainerId(string podId, string? containerId, string? resource)
    {
        string? problem = DescribeIdProblem(containerId, "Container ID");
        if (problem is not null)
        {
            throw new InvalidResourceIdException(problem, podId, Display(containerId), resource);
        }
    }

    private string? DescribeIdProblem(string? id, string what)
    {
        if (id is null)
        {
            return $"{what} cannot be empty";
        }

        switch (ResourceIds.Check(id, _maxIdLength, out int index))
        {
            case IdProblem.Empty:
                // Go's errNeedPodID / errNeedContainerID wording.
                return $"{what} cannot be empty";
            case IdProblem.TooLong:
                return string.Create(CultureInfo.InvariantCulture, $"{what} is too long: {id.Length} characters, at most {_maxIdLength}");
            case IdProblem.BadFirstCharacter:
                return $"{what} must start with an ASCII letter or digit, not {DescribeChar(id[index])}";
            case IdProblem.BadCharacter:
                return string.Create(CultureInfo.InvariantCulture, $"{what} contains {DescribeChar(id[index])} at index {index}; only ASCII letters, digits, '_', '.' and '-' are allowed");
            default:
                break;
        }

        if (Routing.IsReservedName(id))
        {
            return $"{what} '{id}' is reserved: it is the name of a resource file";
        }

        return null;
    }

    private static string DescribeChar(char c) =>
        c is >= ' ' and <= '~' ? $"'{c}'" : string.Create(CultureInfo.InvariantCulture, $"U+{(int)c:X4}");

    /// <summary>An ID as it may appear in a one-line message: non-printable and non-ASCII characters
    /// escaped, very long IDs shortened.</summary>
    internal static string? Display(string? id)
    {
        if (id is null)
        {
            return null;
        }

        const int MaxShown = 80;
        bool plain = id.Length <= MaxShown;
        foreach (char c in id)
        {
            if (c is < ' ' or > '~')
            {
                plain = false;
                break;
            }
        }

        if (plain)
        {
            return id;
        }

        var sb = new StringBuilder(Math.Min(id.Length, MaxShown) + 24);
        for (int i = 0; i < id.Length && i < MaxShown; i++)
        {
            char c = id[i];
            if (c is >= ' ' and <= '~')
            {
                sb.Append(c);
            }
            else
            {
                sb.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
        }

        if (id.Length > MaxShown)
        {
            sb.Append(CultureInfo.InvariantCulture, $"... ({id.Length} characters)");
        }

        return sb.ToString();
    }

    private ResourceKind RequireLockKind(string podId) =>
        _lockKind ?? throw new InvalidResourceIdException("Invalid pod resource: the routing table has no lock kind", podId, null, null);

    private string RootPath(StorageRoot root) => root == StorageRoot.Config ? _configRoot : _runRoot;

    private Durability DurabilityOf(StorageRoot root) => root == StorageRoot.Config ? _configDurability : _runDurability;

    /// <summary>The roots in deletion/creation order, each path once.</summary>
    /// <remarks>A span of constants, not an array: an enum array's interfaces bring NativeAOT's general enum
    /// formatter into every app.</remarks>
    private ReadOnlySpan<StorageRoot> DistinctRoots => _configRoot == _runRoot ? [StorageRoot.Run] : [StorageRoot.Config, StorageRoot.Run];

    private string JoinPath(StorageRoot root, string? podId, string? containerId, string? fileName)
    {
        string rootPath = RootPath(root);
        var sb = new StringBuilder(rootPath.Length + 160);
        sb.Append(rootPath);
        if (podId is not null)
        {
            AppendComponent(sb, podId);
        }

        if (containerId is not null)
        {
            AppendComponent(sb, containerId);
        }

        if (fileName is not null)
        {
            AppendComponent(sb, fileName);
        }

        return sb.ToString();
    }

    private static void AppendComponent(StringBuilder sb, string component)
    {
        if (sb.Length == 0 || sb[^1] != '/')
        {
            sb.Append('/');
        }

        sb.Append(component);
    }

    private static string NormalizeRoot(string? root, string name)
    {
        if (string.IsNullOrEmpty(root) || root[0] != '/' || root.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException($"{name} must be an absolute path, got '{Display(root)}'.", name);
        }

        string full = Path.GetFullPath(root);
        return full.Length > 1 ? full.TrimEnd('/') : full;
    }

    private static void ValidateFileName(ResourceKind kind)
    {
        string fileName = kind.FileName;
        bool ok = fileName.Length is > 0 and <= FileSystemStoreOptions.MaxIdLengthLimit - 40 && fileName[0] != '.';
        foreach (char c in fileName)
        {
            ok &= c is > ' ' and <= '~' and not '/';
        }

        if (!ok)
        {
            throw new ArgumentException($"Resource kind '{kind.Name}' has file name '{Display(fileName)}': a file name must be one printable ASCII path component that does not start with '.'.", nameof(kind));
        }
    }
}

/// <summary>Points of the write protocol, for fault injection in tests.</summary>
internal enum StoreStep
{
    TemporaryCreated,
    Written,
    FileSynced,
    Closed,
    Renamed,
    DirectorySynced,
}
