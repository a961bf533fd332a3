namespace Aot.Storage.ReliabilityTests.Infrastructure;

/// <summary>
/// The <c>aot-storage</c> command-line tool, when this tree has it: <c>$AOT_STORAGE_CLI</c> (a path to
/// aot-storage.dll), else the build output of src/Aot.Storage.Cli in the configuration of these tests.
/// </summary>
internal static class Cli
{
    public const string PathVariable = "AOT_STORAGE_CLI";

    /// <summary>Path of aot-storage.dll, or null when the tree has no CLI project (then the library equivalent is tested).</summary>
    public static string? Locate()
    {
        string? configured = Environment.GetEnvironmentVariable(PathVariable);
        if (!string.IsNullOrEmpty(configured))
        {
            Assert.True(File.Exists(configured), $"{PathVariable}={configured} does not exist");
            return configured;
        }

        // bin/<Configuration>/<tfm>/ of this test project, under tests/<project>/ of the repository.
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/'));
        string tfm = output.Name;
        string configuration = output.Parent!.Name;
        DirectoryInfo? repo = output;
        while (repo is not null && !File.Exists(Path.Combine(repo.FullName, "Aot.Storage.sln")))
        {
            repo = repo.Parent;
        }

        if (repo is null || !File.Exists(Path.Combine(repo.FullName, "src", "Aot.Storage.Cli", "Aot.Storage.Cli.csproj")))
        {
            return null;
        }

        string dll = Path.Combine(repo.FullName, "src", "Aot.Storage.Cli", "bin", configuration, tfm, "aot-storage.dll");
        Assert.True(File.Exists(dll), $"the tree has the aot-storage CLI but it is not built at {dll}: build the solution first");
        return dll;
    }

    /// <summary>Runs <c>dotnet aot-storage.dll args</c>; returns the exit code and the stdout lines.</summary>
    public static (int ExitCode, IReadOnlyList<string> Lines, string Errors) Run(string dll, params string[] args)
    {
        using ChildProcess child = ChildProcess.Start("dotnet", [dll, .. args]);
        child.CloseInput();
        Assert.True(child.WaitForExit(TimeSpan.FromSeconds(60)), "aot-storage did not finish");
        return (child.ExitCode, child.Lines, child.StandardError);
    }
}
