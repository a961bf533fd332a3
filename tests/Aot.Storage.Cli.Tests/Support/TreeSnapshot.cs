namespace Aot.Storage.Cli.Tests.Support;

/// <summary>Every directory and file under a root with the files' contents, to show that a command touched nothing.</summary>
internal sealed class TreeSnapshot
{
    private readonly SortedDictionary<string, string> _entries;

    private TreeSnapshot(SortedDictionary<string, string> entries)
    {
        _entries = entries;
    }

    public IReadOnlyDictionary<string, string> Entries => _entries;

    public static TreeSnapshot Take(string root)
    {
        var entries = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (Directory.Exists(root))
        {
            foreach (string path in Directory.EnumerateFileSystemEntries(root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
            {
                string relative = Path.GetRelativePath(root, path);
                entries[relative] = Directory.Exists(path) ? "<dir>" : Content(path);
            }
        }

        return new TreeSnapshot(entries);
    }

    /// <summary>
    /// The file's bytes; for a pod lock file only its size, since .NET's file streams take an flock of their own
    /// on Unix and would fail on a lock file that a test holds.
    /// </summary>
    private static string Content(string path) =>
        Path.GetFileName(path) == "lock" ? "<lock " + new FileInfo(path).Length + ">" : Convert.ToBase64String(File.ReadAllBytes(path));

    public void AssertEqual(TreeSnapshot other)
    {
        Assert.Equal(_entries.Keys, other._entries.Keys);
        foreach ((string path, string content) in _entries)
        {
            Assert.True(content == other._entries[path], $"{path} changed");
        }
    }
}
