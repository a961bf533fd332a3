using System.Diagnostics;

namespace Aot.Storage.Tests.Storage;

/// <summary>Another process holding an flock on a file, through <c>flock(1)</c> (the same system call Go's lockPod makes).</summary>
internal sealed class FlockHolder : IDisposable
{
    private readonly Process _process;

    private FlockHolder(Process process)
    {
        _process = process;
    }

    public static FlockHolder Start(string path, bool exclusive)
    {
        var psi = new ProcessStartInfo("/usr/bin/flock") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string arg in new[] { exclusive ? "-x" : "-s", path, "sh", "-c", "echo locked; exec sleep 30" })
        {
            psi.ArgumentList.Add(arg);
        }

        Process process = Process.Start(psi)!;
        Task<string?> line = process.StandardOutput.ReadLineAsync();
        if (!line.Wait(TimeSpan.FromSeconds(10)) || line.Result != "locked")
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw new InvalidOperationException("flock(1) did not take the lock");
        }

        return new FlockHolder(process);
    }

    /// <summary>Exit code of <c>flock -n</c>: 0 if the lock could be taken at once, 1 if it is held elsewhere.</summary>
    public static int TryFlock(string path, bool exclusive) =>
        StorageTestEnvironment.Run("/usr/bin/flock", "-n", "-E", "1", exclusive ? "-x" : "-s", path, "true").ExitCode;

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }
}

/// <summary>A call running on its own thread (a second lock owner), with its outcome.</summary>
internal sealed class BackgroundCall<T>
{
    private readonly Thread _thread;
    private T? _result;
    private Exception? _error;

    public BackgroundCall(Func<T> call)
    {
        _thread = new Thread(() =>
        {
            try
            {
                _result = call();
            }
            catch (Exception ex)
            {
                _error = ex;
            }
        })
        { IsBackground = true };
        _thread.Start();
    }

    public bool IsCompleted => !_thread.IsAlive;

    public Exception? Error => _error;

    public T Result => _error is null ? _result! : throw new InvalidOperationException("The call failed.", _error);

    public bool Wait(TimeSpan timeout) => _thread.Join(timeout);

    /// <summary>The result of <paramref name="call"/> made on a thread of its own: another lock owner of this
    /// process (a second lock from the holder's own thread fails at once instead).</summary>
    public static T OnAnotherThread(Func<T> call)
    {
        var background = new BackgroundCall<T>(call);
        Assert.True(background.Wait(TimeSpan.FromSeconds(10)), "the call on another thread did not finish");
        return background.Result;
    }
}
