using Aot.Storage.FileSystem;
using Aot.Storage.VirtContainers;

namespace Aot.Storage.Cli.Infrastructure;

/// <summary>The store the global options point at: both roots, the engine and the typed store over it.</summary>
internal sealed class StoreContext
{
    private StoreContext(FileSystemResourceEngine engine, string rootArguments)
    {
        Engine = engine;
        Store = new VirtContainersStore(engine);
        RootArguments = rootArguments;
    }

    public FileSystemResourceEngine Engine { get; }

    public VirtContainersStore Store { get; }

    public string ConfigRoot => Engine.ConfigRoot;

    public string RunRoot => Engine.RunRoot;

    /// <summary>The global options that select these roots, ready to paste before a command
    /// (empty when the roots come from the environment or the defaults).</summary>
    public string RootArguments { get; }

    /// <summary>
    /// Resolves the roots: <c>--root DIR</c> is <c>DIR/config</c> and <c>DIR/run</c>; <c>--config-root</c> and
    /// <c>--run-root</c> set one each; what is not given comes from <c>AOT_STORAGE_CONFIG_ROOT</c> /
    /// <c>AOT_STORAGE_RUN_ROOT</c>, then the virtcontainers defaults. Relative paths given as options are
    /// taken from the current directory.
    /// </summary>
    public static StoreContext Open(string? root, string? configRoot, string? runRoot)
    {
        if (root is not null && (configRoot is not null || runRoot is not null))
        {
            throw new UsageException("--root cannot be combined with --config-root or --run-root");
        }

        var options = FileSystemStoreOptions.FromEnvironment();
        var arguments = new List<string>(4);
        if (root is not null)
        {
            string full = FullPath(root, "--root");
            options.ConfigRoot = Path.Combine(full, "config");
            options.RunRoot = Path.Combine(full, "run");
            arguments.Add("--root");
            arguments.Add(Text.ShellQuote(full));
        }

        if (configRoot is not null)
        {
            options.ConfigRoot = FullPath(configRoot, "--config-root");
            arguments.Add("--config-root");
            arguments.Add(Text.ShellQuote(options.ConfigRoot));
        }

        if (runRoot is not null)
        {
            options.RunRoot = FullPath(runRoot, "--run-root");
            arguments.Add("--run-root");
            arguments.Add(Text.ShellQuote(options.RunRoot));
        }

        FileSystemResourceEngine engine;
        try
        {
            engine = new FileSystemResourceEngine(VirtContainersStore.RoutingTable, options);
        }
        catch (ArgumentException)
        {
            // Only a root can be wrong here, and only one from the environment (options are made absolute above).
            throw new UsageException(
                $"invalid storage root (config root '{Text.OneLine(options.ConfigRoot)}', run root '{Text.OneLine(options.RunRoot)}'): " +
                $"{FileSystemStoreOptions.ConfigRootVariable} and {FileSystemStoreOptions.RunRootVariable} must be absolute paths");
        }

        return new StoreContext(engine, string.Join(' ', arguments));
    }

    private static string FullPath(string path, string option)
    {
        if (path.Length == 0 || path.Contains('\0', StringComparison.Ordinal))
        {
            throw new UsageException($"{option} needs a directory path");
        }

        return Path.GetFullPath(path);
    }
}
