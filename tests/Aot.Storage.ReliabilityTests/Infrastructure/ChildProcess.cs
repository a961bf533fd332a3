using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;

namespace Aot.Storage.ReliabilityTests.Infrastructure;

/// <summary>
/// A child process: the stress helper (<c>dotnet Aot.Storage.StressHelper.dll ...</c>) or any program, with
/// its stdout collected line by line, its stdin open for commands, and SIGKILL at hand.
/// </summary>
internal sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly BlockingCollection<string> _pending = [];
    private readonly List<string> _lines = [];
    private readonly StringBuilder _stderr = new();
    private readonly TaskCompletionSource _stdoutClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    static ChildProcess()
    {
        // Output arrives on thread-pool threads while test threads block waiting for it: keep enough
        // threads ready that a wait never starves the reader it waits for.
        ThreadPool.GetMinThreads(out int workers, out int io);
        ThreadPool.SetMinThreads(Math.Max(workers, 64), Math.Max(io, 64));
    }

    private ChildProcess(Process process)
    {
        _process = process;
    }

    public static string HelperPath { get; } = Path.Combine(AppContext.BaseDirectory, "Aot.Storage.StressHelper.dll");

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Every stdout line received so far (all of them once <see cref="WaitForExit"/> returned).</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    public string StandardError
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>Starts the stress helper with <paramref name="args"/>.</summary>
    public static ChildProcess Helper(params string[] args) => Start("dotnet", [HelperPath, .. args]);

    public static ChildProcess Start(string file, params string[] args)
    {
        if (file == "dotnet" && args.Length > 0 && args[0] == HelperPath && !File.Exists(HelperPath))
        {
            throw new FileNotFoundException("The stress helper was not built beside the tests.", HelperPath);
        }

        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string arg in args)
        {
            psi.ArgumentList.Add(arg);
        }

        // The children run plain: no diagnostics pipes, no telemetry, no first-run work.
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOTNET_NOLOGO"] = "1";
        psi.Environment["DOTNET_EnableDiagnostics"] = "0";
        psi.Environment["DOTNET_TieredPGO"] = "0";

        var process = new Process { StartInfo = psi };
        var child = new ChildProcess(process);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                child._stdoutClosed.TrySetResult();
                return;
            }

            lock (child._lines)
            {
                child._lines.Add(e.Data);
            }

            child._pending.Add(e.Data);
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (child._stderr)
                {
                    child._stderr.AppendLine(e.Data);
                }
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Takes lines in order until one matches; throws with the child's stderr on timeout or exit.</summary>
    public string WaitForLine(Func<string, bool> match, TimeSpan timeout)
    {
        var sw = Stopwatch.StartNew();
        while (true)
        {
            TimeSpan left = timeout - sw.Elapsed;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"child {Id} printed no matching line within {timeout.TotalSeconds:0.#} s; stderr: {StandardError}");
            }

            if (_pending.TryTake(out string? line, left < TimeSpan.FromMilliseconds(50) ? left : TimeSpan.FromMilliseconds(50)))
            {
                if (match(line))
                {
                    return line;
                }
            }
            else if (_stdoutClosed.Task.IsCompleted && _pending.Count == 0)
            {
                throw new InvalidOperationException($"child {Id} closed its output without a matching line; stderr: {StandardError}");
            }
        }
    }

    public string WaitForLine(string prefix, TimeSpan timeout) => WaitForLine(l => l.StartsWith(prefix, StringComparison.Ordinal), timeout);

    public void Send(string line)
    {
        _process.StandardInput.WriteLine(line);
        _process.StandardInput.Flush();
    }

    public void CloseInput() => _process.StandardInput.Close();

    /// <summary>Sends SIGKILL to this process (to its whole tree with <paramref name="tree"/>) and returns at once.</summary>
    public void SignalKill(bool tree = false)
    {
        try
        {
            _process.Kill(entireProcessTree: tree);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }

    /// <summary>SIGKILL; returns once the process is reaped and its output drained.</summary>
    public void Kill()
    {
        try
        {
            _process.Kill();
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }

        WaitForExit(TimeSpan.FromSeconds(30));
    }

    /// <summary>Waits for the exit and for the end of stdout; false on timeout.</summary>
    public bool WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            return false;
        }

        _process.WaitForExit();
        return _stdoutClosed.Task.Wait(timeout);
    }

    /// <summary>Waits for a normal exit with code 0 and returns the last stdout line.</summary>
    public string WaitForSuccess(TimeSpan timeout)
    {
        if (!WaitForExit(timeout))
        {
            Kill();
            throw new TimeoutException($"child {Id} did not exit within {timeout.TotalSeconds:0.#} s; stderr: {StandardError}");
        }

        if (ExitCode != 0)
        {
            throw new InvalidOperationException($"child {Id} exited with {ExitCode}; stderr: {StandardError}");
        }

        IReadOnlyList<string> lines = Lines;
        return lines.Count == 0 ? string.Empty : lines[^1];
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
        _pending.Dispose();
    }
}
