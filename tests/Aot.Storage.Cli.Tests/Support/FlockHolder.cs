using System.Diagnostics;

namespace Aot.Storage.Cli.Tests.Support;

/// <summary>
/// Another process holding an flock on a file, through <c>flock(1)</c>, as another runtime (or an operator)
/// would; released when disposed.
/// </summary>
internal sealed class FlockHolder : IDisposable
{
    private readonly Process _process;

    private FlockHolder(Process process)
    {
        _process = process;
    }

    public static FlockHolder Hold(string path, bool exclusive)
    {
        var startInfo = new ProcessStartInfo("flock")
        {
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(exclusive ? "-x" : "-s");
        startInfo.ArgumentList.Add(path);
        startInfo.ArgumentList.Add("-c");

        // Says when it holds the lock, then keeps it until its standard input closes.
        startInfo.ArgumentList.Add("echo locked; exec cat >/dev/null");
        Process process = Process.Start(startInfo)!;
        string? line = process.StandardOutput.ReadLine();
        if (line != "locked")
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw new InvalidOperationException($"flock did not take the lock on {path}: '{line}'");
        }

        return new FlockHolder(process);
    }

    public void Dispose()
    {
        try
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(10_000))
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit();
            }
        }
        finally
        {
            _process.Dispose();
        }
    }
}
