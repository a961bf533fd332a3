using System.Text;

namespace Aot.Storage.Cli.Tests.Support;

/// <summary>
/// A temporary directory holding a config root (<c>config/</c>) and a run root (<c>run/</c>), and the way to
/// run <c>aot-storage --root DIR ...</c> against it in-process.
/// </summary>
internal sealed class CliSandbox : IDisposable
{
    public CliSandbox()
    {
        Root = Path.Combine(Path.GetTempPath(), "aot-storage-cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string ConfigRoot => Path.Combine(Root, "config");

    public string RunRoot => Path.Combine(Root, "run");

    /// <summary>Runs <c>aot-storage --root ROOT args...</c> with an empty standard input.</summary>
    public CliResult Run(params string[] args) => RunWithInput([], args);

    public CliResult RunWithInput(string stdin, params string[] args) => RunWithInput(Encoding.UTF8.GetBytes(stdin), args);

    public CliResult RunWithInput(byte[] stdin, params string[] args) => RunRaw(stdin, ["--root", Root, .. args]);

    /// <summary>Runs exactly <paramref name="args"/> (no root option added).</summary>
    public static CliResult RunRaw(byte[] stdin, params string[] args)
    {
        using var stdout = new MemoryStream();
        using var stderr = new StringWriter { NewLine = "\n" };
        using var input = new MemoryStream(stdin, writable: false);
        int exitCode = CliApp.Run(args, stdout, stderr, input);
        return new CliResult(exitCode, stdout.ToArray(), stderr.ToString());
    }

    /// <summary>Runs <c>demo</c> and checks that it succeeded.</summary>
    public CliResult Demo(int pods = 2, int containers = 2)
    {
        CliResult result = Run("demo", "--pods", pods.ToString(System.Globalization.CultureInfo.InvariantCulture), "--containers", containers.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }

    public string PodPath(StorageRoot root, string podId) => Path.Combine(root == StorageRoot.Config ? ConfigRoot : RunRoot, podId);

    /// <summary>Path of a resource file: <c>config</c> under the config root, everything else under the run root.</summary>
    public string ResourcePath(string podId, string? containerId, string resource)
    {
        string root = resource == "config" ? ConfigRoot : RunRoot;
        return containerId is null
            ? Path.Combine(root, podId, resource + ".json")
            : Path.Combine(root, podId, containerId, resource + ".json");
    }

    public string LockPath(string podId) => Path.Combine(RunRoot, podId, "lock");

    public TreeSnapshot Snapshot() => TreeSnapshot.Take(Root);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
