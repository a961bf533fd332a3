using System.IO.Compression;
using System.Xml.Linq;

namespace Aot.Storage.PackageTests.Infrastructure;

/// <summary>The output of <c>dotnet pack src/Aot.Storage</c> into an empty folder, which then serves as a local feed.</summary>
internal sealed class PackedPackage
{
    private PackedPackage(string feedDirectory, CommandResult pack)
    {
        FeedDirectory = feedDirectory;
        Pack = pack;
    }

    public string FeedDirectory { get; }

    public CommandResult Pack { get; }

    public string Version => RepositoryLayout.Version;

    public string PackagePath => Path.Combine(FeedDirectory, $"Aot.Storage.{Version}.nupkg");

    public string SymbolsPackagePath => Path.Combine(FeedDirectory, $"Aot.Storage.{Version}.snupkg");

    public static PackedPackage Create(string feedDirectory, IReadOnlyDictionary<string, string>? environment = null, bool noBuild = false)
    {
        Directory.CreateDirectory(feedDirectory);
        List<string> arguments = ["pack", RepositoryLayout.LibraryProject, "-c", "Release", "-o", feedDirectory, "--disable-build-servers"];
        if (noBuild)
        {
            arguments.Add("--no-build");
        }

        CommandResult pack = Command.DotNet(RepositoryLayout.Root, arguments, environment);
        Assert.True(pack.ExitCode == 0, "dotnet pack failed:" + Environment.NewLine + pack.Describe());
        return new PackedPackage(feedDirectory, pack);
    }

    /// <summary>Every entry of the .nupkg with its bytes, by path.</summary>
    public IReadOnlyDictionary<string, byte[]> Entries() => ReadEntries(PackagePath);

    public XElement Nuspec()
    {
        using ZipArchive zip = ZipFile.OpenRead(PackagePath);
        ZipArchiveEntry entry = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal) && !e.FullName.Contains('/', StringComparison.Ordinal));
        using Stream stream = entry.Open();
        return XDocument.Load(stream).Root!;
    }

    public static IReadOnlyDictionary<string, byte[]> ReadEntries(string path)
    {
        using ZipArchive zip = ZipFile.OpenRead(path);
        var entries = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (ZipArchiveEntry entry in zip.Entries)
        {
            using Stream stream = entry.Open();
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            entries.Add(entry.FullName, buffer.ToArray());
        }

        return entries;
    }
}
