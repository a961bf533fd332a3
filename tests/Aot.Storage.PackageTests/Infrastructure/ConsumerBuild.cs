using System.Security.Cryptography;
using System.Xml.Linq;

namespace Aot.Storage.PackageTests.Infrastructure;

/// <summary>
/// The consumer sample (tests/Aot.Storage.PackageTests/Consumer), copied out of the repository, restored
/// from the freshly packed package into a private packages folder, and published with NativeAOT.
/// </summary>
internal sealed class ConsumerBuild
{
    public const string ProjectFileName = "Aot.Storage.Consumer.csproj";

    /// <summary>The NuGet source name of the local feed that holds the package under test.</summary>
    public const string LocalFeedName = "aot-storage-under-test";

    private ConsumerBuild(PackedPackage package, string directory, string packagesDirectory, CommandResult restore, CommandResult? publish)
    {
        Package = package;
        Directory = directory;
        PackagesDirectory = packagesDirectory;
        Restore = restore;
        Publish = publish;
        App = publish is null ? null : new NativeAotApp(Path.Combine(directory, ProjectFileName), publish);
    }

    public PackedPackage Package { get; }

    public string Directory { get; }

    public string PackagesDirectory { get; }

    public CommandResult Restore { get; }

    public CommandResult? Publish { get; }

    public NativeAotApp? App { get; }

    public string RestoredPackageDirectory => Path.Combine(PackagesDirectory, "aot.storage", Package.Version.ToLowerInvariant());

    /// <summary>Where the build kept the sources the package's generator emitted (EmitCompilerGeneratedFiles).</summary>
    public string GeneratedDirectory =>
        System.IO.Directory.EnumerateDirectories(Path.Combine(Directory, "obj", "Release", "net10.0"))
            .Select(rid => Path.Combine(rid, "generated", "Aot.Storage.Generators", "Aot.Storage.Generators.ResourceSetGenerator"))
            .FirstOrDefault(System.IO.Directory.Exists) ?? Path.Combine(Directory, "obj", "Release", "net10.0", "generated");

    public void AssertRestored() => Assert.True(Restore.ExitCode == 0, "The consumer did not restore:" + Environment.NewLine + Restore.Describe());

    public NativeAotApp AssertPublished()
    {
        AssertRestored();
        Assert.True(App is { Published: true }, "The consumer was not published:" + Environment.NewLine + Publish?.Describe());
        return App!;
    }

    public static ConsumerBuild Create(PackedPackage package, string workDirectory)
    {
        string directory = Path.Combine(workDirectory, "consumer");
        string packages = Path.Combine(workDirectory, "packages");
        CopyDirectory(RepositoryLayout.ConsumerDirectory, directory);
        string nugetConfig = Path.Combine(directory, "NuGet.config");
        File.WriteAllText(nugetConfig, NuGetConfig(package.FeedDirectory));

        string version = "-p:AotStorageVersion=" + package.Version;
        CommandResult restore = Command.DotNet(directory, ["restore", ProjectFileName, "--packages", packages, "--configfile", nugetConfig, version, "-p:NuGetAudit=false", "--disable-build-servers"]);
        if (restore.ExitCode != 0)
        {
            return new ConsumerBuild(package, directory, packages, restore, null);
        }

        CommandResult publish = Command.DotNet(directory, ["publish", ProjectFileName, "--no-restore", "-c", "Release", version, "--disable-build-servers"]);
        return new ConsumerBuild(package, directory, packages, restore, publish);
    }

    /// <summary>The SHA-512 NuGet records for a package (base64), to compare a restored package with the packed file.</summary>
    public static string NuGetHash(string packagePath) => Convert.ToBase64String(SHA512.HashData(File.ReadAllBytes(packagePath)));

    /// <summary>
    /// The local feed for Aot.Storage only (package source mapping: it cannot come from anywhere else), and
    /// nuget.org for the rest. The machine's global packages folder, when there is one, is an extra source
    /// for the rest too, so that the runtime and compiler packs are copied rather than downloaded again.
    /// </summary>
    private static string NuGetConfig(string feed)
    {
        var sources = new List<(string Key, string Value, string Pattern)> { (LocalFeedName, feed, "Aot.Storage") };
        if (MachinePackagesFolder() is { } machinePackages)
        {
            sources.Add(("machine-packages", machinePackages, "*"));
        }

        sources.Add(("nuget.org", "https://api.nuget.org/v3/index.json", "*"));
        var configuration = new XElement(
            "configuration",
            new XElement("packageSources", new XElement("clear"), sources.Select(s => new XElement("add", new XAttribute("key", s.Key), new XAttribute("value", s.Value)))),
            new XElement("packageSourceMapping", sources.Select(s => new XElement("packageSource", new XAttribute("key", s.Key), new XElement("package", new XAttribute("pattern", s.Pattern))))));
        return new XDocument(configuration).ToString();
    }

    private static string? MachinePackagesFolder()
    {
        string folder = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        return System.IO.Directory.Exists(folder) ? folder : null;
    }

    private static void CopyDirectory(string source, string destination)
    {
        System.IO.Directory.CreateDirectory(destination);
        foreach (string file in System.IO.Directory.EnumerateFiles(source))
        {
            File.Copy(file, Path.Combine(destination, Path.GetFileName(file)));
        }

        foreach (string directory in System.IO.Directory.EnumerateDirectories(source).Where(d => Path.GetFileName(d) is not ("bin" or "obj")))
        {
            CopyDirectory(directory, Path.Combine(destination, Path.GetFileName(directory)));
        }
    }
}
