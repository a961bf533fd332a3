using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Aot.Storage.FileSystem;
using Aot.Storage.Native;
using Microsoft.Extensions.Logging;

namespace Aot.Storage.Tests.Storage;

/// <summary>
/// A private directory under /tmp per test: <c>config/</c> and <c>run/</c> roots (not created: the engine
/// makes them) and <c>outside/</c> with a canary file that no operation may touch.
/// </summary>
internal sealed class StorageTestEnvironment : IDisposable
{
    public const string CanaryContent = "canary: must never change";

    public StorageTestEnvironment(Action<FileSystemStoreOptions>? configure = null)
    {
        Base = Path.Combine(Path.GetTempPath(), "aot-storage-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Base);
        ConfigRoot = Path.Combine(Base, "config");
        RunRoot = Path.Combine(Base, "run");
        Outside = Path.Combine(Base, "outside");
        Directory.CreateDirectory(Outside);
        Canary = Path.Combine(Outside, "canary");
        File.WriteAllText(Canary, CanaryContent);
        Options = new FileSystemStoreOptions { ConfigRoot = ConfigRoot, RunRoot = RunRoot, Logger = Logger };
        configure?.Invoke(Options);
        Engine = new FileSystemResourceEngine(Routing, Options);
    }

    public static IResourceRouting Routing => Aot.Storage.VirtContainers.VirtContainersStore.RoutingTable;

    public string Base { get; }

    public string ConfigRoot { get; }

    public string RunRoot { get; }

    public string Outside { get; }

    public string Canary { get; }

    public FileSystemStoreOptions Options { get; }

    public FileSystemResourceEngine Engine { get; }

    public CollectingLogger Logger { get; } = new();

    public static ResourceAddress Pod(ResourceKind kind, string podId) => ResourceAddress.ForPod(kind, podId);

    public static ResourceAddress Ctr(ResourceKind kind, string podId, string containerId) => ResourceAddress.ForContainer(kind, podId, containerId);

    public void Store(ResourceAddress address, Sample value) => Engine.StoreCore(address, value, SampleSerializer.Instance);

    public Sample Fetch(ResourceAddress address) => Engine.FetchCore<Sample, SampleSerializer>(address, SampleSerializer.Instance);

    public bool TryFetch(ResourceAddress address, out Sample? value) => Engine.TryFetchCore(address, SampleSerializer.Instance, out value);

    /// <summary>Every entry under <see cref="Base"/> (links not followed) with its type, mode and content hash.</summary>
    public string Snapshot() => TreeSnapshot.Of(Base);

    public void AssertOutsideUntouched()
    {
        Assert.Equal(CanaryContent, File.ReadAllText(Canary));
        Assert.Equal(["canary"], Directory.GetFileSystemEntries(Outside).Select(p => Path.GetFileName(p)!).Order(StringComparer.Ordinal).ToArray());
    }

    public void Dispose()
    {
        Engine.Dispose();
        try
        {
            // Make everything writable again and remove links before the recursive delete.
            Run("chmod", "-R", "u+rwx", Base);
            Directory.Delete(Base, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    public static (int ExitCode, string Output) Run(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in args)
        {
            psi.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(psi)!;
        string output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }
}

internal static class TreeSnapshot
{
    public static string Of(string root)
    {
        var sb = new StringBuilder();
        Walk(root, string.Empty, sb);
        return sb.ToString();
    }

    private static void Walk(string path, string relative, StringBuilder sb)
    {
        var info = new DirectoryInfo(path);
        foreach (FileSystemInfo entry in info.EnumerateFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            string rel = relative + "/" + entry.Name;
            if (entry.LinkTarget is not null)
            {
                sb.Append("L ").Append(rel).Append(" -> ").Append(entry.LinkTarget).Append('\n');
            }
            else if (entry is DirectoryInfo)
            {
                sb.Append("D ").Append(rel).Append(' ').Append(Convert.ToString(FileAssert.ModeOf(entry.FullName), 8)).Append('\n');
                Walk(entry.FullName, rel, sb);
            }
            else
            {
                byte[] hash = SHA256.HashData(File.ReadAllBytes(entry.FullName));
                sb.Append("F ").Append(rel).Append(' ').Append(Convert.ToString(FileAssert.ModeOf(entry.FullName), 8)).Append(' ').Append(Convert.ToHexString(hash)).Append('\n');
            }
        }
    }
}

/// <summary>Keeps every log event, for assertions.</summary>
internal sealed class CollectingLogger : ILogger
{
    private readonly List<(LogLevel Level, EventId Id, string Message)> _entries = [];

    public IReadOnlyList<(LogLevel Level, EventId Id, string Message)> Entries
    {
        get
        {
            lock (_entries)
            {
                return [.. _entries];
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_entries)
        {
            _entries.Add((logLevel, eventId, formatter(state, exception)));
        }
    }
}

internal static class FileAssert
{
    public const uint DirectoryMode = 0b111_101_000;

    public const uint FileMode = 0b110_100_000;

    /// <summary>Permission bits of <paramref name="path"/> itself (a link is not followed).</summary>
    public static uint ModeOf(string path)
    {
        Assert.Equal(0, LibC.StatxNoFollow(LibC.AtFdCwd, path, out StatxBuffer st));
        return st.Permissions;
    }

    public static void Bytes(string expected, string path)
    {
        Assert.True(File.Exists(path), $"{path} should exist");
        Assert.Equal(expected, File.ReadAllText(path));
    }

    public static void IsDirectoryWithMode(string path)
    {
        Assert.True(Directory.Exists(path), $"{path} should be a directory");
        Assert.Null(new DirectoryInfo(path).LinkTarget);
        Assert.Equal(Convert.ToString(DirectoryMode, 8), Convert.ToString(ModeOf(path), 8));
    }

    public static void IsFileWithMode(string path)
    {
        Assert.True(File.Exists(path), $"{path} should be a file");
        Assert.Null(new FileInfo(path).LinkTarget);
        Assert.Equal(Convert.ToString(FileMode, 8), Convert.ToString(ModeOf(path), 8));
    }

    /// <summary>No temporary file of a store is left in <paramref name="directory"/>.</summary>
    public static void NoTemporaryFiles(string directory)
    {
        string[] leftovers = Directory.GetFileSystemEntries(directory).Select(p => Path.GetFileName(p)!).Where(n => n.StartsWith('.')).ToArray();
        Assert.Empty(leftovers);
    }

    public static void SingleLine(Exception ex)
    {
        Assert.DoesNotContain('\n', ex.Message);
        Assert.DoesNotContain('\r', ex.Message);
    }
}
