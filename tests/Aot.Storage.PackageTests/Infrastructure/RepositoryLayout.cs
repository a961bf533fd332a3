using System.Xml.Linq;

namespace Aot.Storage.PackageTests.Infrastructure;

/// <summary>Paths of the repository the tests run from, and the values that are set once in it.</summary>
internal static class RepositoryLayout
{
    private static readonly Lazy<string> s_root = new(FindRoot);

    public static string Root => s_root.Value;

    public static string LibraryProject => Path.Combine(Root, "src", "Aot.Storage", "Aot.Storage.csproj");

    public static string SmokeAppProject => Path.Combine(Root, "tests", "Aot.Storage.AotSmoke", "Aot.Storage.AotSmoke.csproj");

    public static string StoreOnlyAppProject => Path.Combine(Root, "tests", "Aot.Storage.AotStoreOnly", "Aot.Storage.AotStoreOnly.csproj");

    public static string ConsumerDirectory => Path.Combine(Root, "tests", "Aot.Storage.PackageTests", "Consumer");

    /// <summary>The package version, from <c>&lt;Version&gt;</c> in Directory.Build.props: the one place that sets it.</summary>
    public static string Version => Property(Path.Combine(Root, "Directory.Build.props"), "Version");

    /// <summary>The Roslyn version the generator is pinned to, from Directory.Packages.props.</summary>
    public static string RoslynVersionForGenerator => Property(Path.Combine(Root, "Directory.Packages.props"), "RoslynVersionForGenerator");

    private static string Property(string file, string name)
    {
        XElement? element = XDocument.Load(file).Root?.Elements("PropertyGroup").Elements(name).FirstOrDefault();
        return element?.Value ?? throw new InvalidOperationException($"{file} does not set {name}.");
    }

    private static string FindRoot()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Aot.Storage.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Aot.Storage.sln above {AppContext.BaseDirectory}.");
    }
}
