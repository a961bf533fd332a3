using System.Diagnostics;
using System.Text;
using Aot.Storage.Cli.Tests.Support;

namespace Aot.Storage.Cli.Tests;

/// <summary>
/// The acceptance test of the shipped artifact: publishes the NativeAOT binary, checks that the trimming and AOT
/// analyses found nothing, and runs it. Slow (minutes); filter it out with <c>--filter Category!=Publish</c>.
/// </summary>
[Collection(nameof(EnvironmentCollection))]
public sealed class PublishTests : IDisposable
{
    private static readonly TimeSpan s_publishTimeout = TimeSpan.FromMinutes(20);
    private static readonly TimeSpan s_runTimeout = TimeSpan.FromMinutes(1);

    private readonly CliSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    [Trait("Category", "Publish")]
    public void NativeAotPublish_HasNoTrimOrAotWarnings_AndTheBinaryWorks()
    {
        string repository = FindRepositoryRoot();
        string output = Path.Combine(_sandbox.Root, "publish");
        string project = Path.Combine(repository, "src", "Aot.Storage.Cli", "Aot.Storage.Cli.csproj");

        // Its own artifacts folder: nothing is shared with the build that runs these tests.
        (int publishExit, string publishOutput, string publishError) = RunProcess(
            "dotnet",
            ["publish", project, "-c", "Release", "-r", "linux-x64", "-o", output, "--artifacts-path", Path.Combine(_sandbox.Root, "artifacts"), "-nodeReuse:false", "-p:UseSharedCompilation=false"],
            repository,
            s_publishTimeout);
        string publishLog = publishOutput + publishError;

        Assert.True(publishExit == 0, "dotnet publish failed:\n" + publishLog);
        string[] analysisWarnings = publishLog.Split('\n').Where(l => l.Contains("warning IL", StringComparison.Ordinal) || l.Contains("error IL", StringComparison.Ordinal)).ToArray();
        Assert.True(analysisWarnings.Length == 0, string.Join('\n', analysisWarnings));

        string binary = Path.Combine(output, "aot-storage");
        Assert.True(File.Exists(binary), publishLog);
        Assert.False(File.Exists(Path.Combine(output, "aot-storage.dll")), "the output is a managed app, not a native one");

        string state = Path.Combine(_sandbox.Root, "state");
        (int demoExit, string demoOutput, string demoError) = RunProcess(binary, ["--root", state, "demo"], _sandbox.Root, s_runTimeout);
        Assert.True(demoExit == 0, demoOutput + demoError);
        Assert.Equal(string.Empty, demoError);
        Assert.StartsWith("Created 2 pod(s) with 2 container(s) each.\n", demoOutput, StringComparison.Ordinal);

        (int verifyExit, string verifyOutput, string verifyError) = RunProcess(binary, ["--root", state, "verify"], _sandbox.Root, s_runTimeout);
        Assert.True(verifyExit == 0, verifyOutput + verifyError);
        Assert.Equal("OK 30 files\n", verifyOutput);

        // The binary prints exactly the stored bytes too.
        string podId = Demo.SampleState.PodId(1);
        (int showExit, string showOutput, _) = RunProcess(binary, ["--root", state, "show", podId, "network"], _sandbox.Root, s_runTimeout);
        Assert.Equal(0, showExit);
        Assert.Equal(File.ReadAllText(Path.Combine(state, "run", podId, "network.json")), showOutput);
    }

    private static string FindRepositoryRoot()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Aot.Storage.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Aot.Storage.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Runs a process to its end; returns its exit code, its standard output (exactly) and standard error.</summary>
    private static (int ExitCode, string Output, string Error) RunProcess(string fileName, string[] arguments, string workingDirectory, TimeSpan timeout)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        // The test host runs inside an MSBuild invocation of 'dotnet test'; the nested build must not inherit it.
        foreach (string name in startInfo.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToArray())
        {
            startInfo.Environment.Remove(name);
        }

        startInfo.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        startInfo.Environment["DOTNET_NOLOGO"] = "1";

        using var process = Process.Start(startInfo)!;
        process.StandardInput.Close();
        var stdout = new MemoryStream();
        Task copyOutput = process.StandardOutput.BaseStream.CopyToAsync(stdout);
        Task<string> readError = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return (-1, $"timed out after {timeout}", string.Empty);
        }

        Task.WaitAll(copyOutput, readError);
        return (process.ExitCode, Encoding.UTF8.GetString(stdout.ToArray()), readError.Result);
    }
}
