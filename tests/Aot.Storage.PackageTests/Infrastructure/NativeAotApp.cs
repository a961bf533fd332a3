namespace Aot.Storage.PackageTests.Infrastructure;

/// <summary>An app published with NativeAOT: the publish command, the binary, the compiler's map, and one run of the binary.</summary>
internal sealed class NativeAotApp
{
    private readonly Lazy<CommandResult> _run;

    public NativeAotApp(string projectPath, CommandResult publish)
    {
        ProjectPath = projectPath;
        Publish = publish;
        string projectDirectory = Path.GetDirectoryName(projectPath)!;
        string name = Path.GetFileNameWithoutExtension(projectPath);

        // bin/Release/net10.0/<rid>/publish/<name> and obj/Release/net10.0/<rid>/native/<name>.{map.xml,ilc.rsp}
        BinaryPath = FindSingle(Path.Combine(projectDirectory, "bin", "Release", "net10.0"), Path.Combine("publish", name));
        MapPath = FindSingle(Path.Combine(projectDirectory, "obj", "Release", "net10.0"), Path.Combine("native", name + ".map.xml"));
        CompilerArgumentsPath = FindSingle(Path.Combine(projectDirectory, "obj", "Release", "net10.0"), Path.Combine("native", name + ".ilc.rsp"));
        _run = new Lazy<CommandResult>(() => Command.Run(BinaryPath!, Path.GetTempPath(), [], null, TimeSpan.FromMinutes(2)));
    }

    public string ProjectPath { get; }

    public CommandResult Publish { get; }

    public bool Published => Publish.ExitCode == 0 && BinaryPath is not null;

    public string? BinaryPath { get; }

    public string? MapPath { get; }

    public string? CompilerArgumentsPath { get; }

    public long BinarySize => BinaryPath is null ? 0 : new FileInfo(BinaryPath).Length;

    /// <summary>Runs the published binary once; later calls return the same result.</summary>
    public CommandResult Run()
    {
        Assert.True(Published, "The app was not published:" + Environment.NewLine + Publish.Describe());
        return _run.Value;
    }

    public NativeAotMap LoadMap()
    {
        Assert.True(Published && MapPath is not null, "The app was not published with a map file:" + Environment.NewLine + Publish.Describe());
        return NativeAotMap.Load(MapPath!);
    }

    /// <summary>Publishes a project of this repository with NativeAOT (Release, the SDK's own runtime identifier, set in the project).</summary>
    public static NativeAotApp PublishInRepository(string projectPath)
    {
        // Outputs of an earlier run must not stand in for this one: the binary and the map are rebuilt.
        string projectDirectory = Path.GetDirectoryName(projectPath)!;
        foreach (string stale in new[] { Path.Combine(projectDirectory, "bin", "Release"), Path.Combine(projectDirectory, "obj", "Release") }
            .Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateDirectories(d, "*", SearchOption.AllDirectories))
            .Where(d => Path.GetFileName(d) is "publish" or "native")
            .ToList())
        {
            Directory.Delete(stale, recursive: true);
        }

        CommandResult publish = Command.DotNet(projectDirectory, ["publish", projectPath, "-c", "Release", "--disable-build-servers"]);
        return new NativeAotApp(projectPath, publish);
    }

    private static string? FindSingle(string directory, string relativePath)
    {
        if (!Directory.Exists(directory))
        {
            return null;
        }

        // One level of runtime identifier (linux-x64, ...) between the directory and the file.
        return Directory.EnumerateDirectories(directory)
            .Select(rid => Path.Combine(rid, relativePath))
            .FirstOrDefault(File.Exists);
    }
}
