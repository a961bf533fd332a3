using Microsoft.Extensions.Logging;

namespace Aot.Storage.FileSystem;

/// <summary>Settings of a <see cref="FileSystemResourceEngine"/>.</summary>
public sealed class FileSystemStoreOptions
{
    /// <summary>Environment variable that overrides <see cref="DefaultConfigRoot"/>.</summary>
    public const string ConfigRootVariable = "AOT_STORAGE_CONFIG_ROOT";

    /// <summary>Environment variable that overrides <see cref="DefaultRunRoot"/>.</summary>
    public const string RunRootVariable = "AOT_STORAGE_RUN_ROOT";

    /// <summary>virtcontainers' <c>configStoragePath</c>.</summary>
    public const string DefaultConfigRoot = "/var/lib/virtcontainers/pods";

    /// <summary>virtcontainers' <c>runStoragePath</c>.</summary>
    public const string DefaultRunRoot = "/run/virtcontainers/pods";

    /// <summary>
    /// Longest pod or container ID accepted by default: 76 characters, containerd's limit, i.e. the grammar
    /// <c>\A[A-Za-z0-9][A-Za-z0-9_.-]{0,75}\z</c>. A 64-hex-digit Docker/CRI ID fits with room to spare.
    /// </summary>
    public const int DefaultMaxIdLength = 76;

    /// <summary>Upper bound of <see cref="MaxIdLength"/>: <c>NAME_MAX</c>, the longest file name Linux allows.</summary>
    public const int MaxIdLengthLimit = 255;

    /// <summary>Root of the configuration tree (<c>config.json</c> files).
    /// Default: <c>$AOT_STORAGE_CONFIG_ROOT</c>, else <see cref="DefaultConfigRoot"/>.</summary>
    public string ConfigRoot { get; set; } = FromVariable(ConfigRootVariable) ?? DefaultConfigRoot;

    /// <summary>Root of the run-time tree (state, network, lock, ...).
    /// Default: <c>$AOT_STORAGE_RUN_ROOT</c>, else <see cref="DefaultRunRoot"/>.</summary>
    public string RunRoot { get; set; } = FromVariable(RunRootVariable) ?? DefaultRunRoot;

    /// <summary>Durability of stores under <see cref="ConfigRoot"/>; default <see cref="Durability.Full"/>.</summary>
    public Durability ConfigDurability { get; set; } = Durability.Full;

    /// <summary>Durability of stores under <see cref="RunRoot"/> (tmpfs); default <see cref="Durability.None"/>.</summary>
    public Durability RunDurability { get; set; } = Durability.None;

    /// <summary>Receives Debug events per operation and a Warning per stale temporary file removed.</summary>
    public ILogger? Logger { get; set; }

    /// <summary>Longest pod or container ID accepted, 1 to <see cref="MaxIdLengthLimit"/>;
    /// default <see cref="DefaultMaxIdLength"/>.</summary>
    public int MaxIdLength { get; set; } = DefaultMaxIdLength;

    /// <summary>
    /// A temporary file left by a crashed store is removed when the process that wrote it is gone, or when it
    /// is older than this (the PID may have been reused); default one minute. An engine looks for such files
    /// on its first store into a directory it did not create itself and then at most once per this age, not on
    /// every store.
    /// </summary>
    public TimeSpan StaleTemporaryFileAge { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Pod and container directories an engine keeps open between operations, 0 to keep none; default 64. A store
    /// into a kept directory skips resolving its path again (two system calls of a store's eight). Each costs a
    /// file descriptor until the engine is disposed or the pod or container is deleted through it, and keeps its
    /// file system busy (a kept directory's mount cannot be unmounted without <c>-l</c>).
    /// </summary>
    public int MaxOpenDirectories { get; set; } = DefaultMaxOpenDirectories;

    /// <summary>Default of <see cref="MaxOpenDirectories"/>.</summary>
    public const int DefaultMaxOpenDirectories = 64;

    /// <summary>Options with the roots taken from the environment (<see cref="ConfigRootVariable"/>,
    /// <see cref="RunRootVariable"/>) or the virtcontainers defaults, and every other setting at its default.</summary>
    public static FileSystemStoreOptions FromEnvironment() => new();

    private static string? FromVariable(string name)
    {
        string? value = Environment.GetEnvironmentVariable(name);
        return string.IsNullOrEmpty(value) ? null : value;
    }
}
