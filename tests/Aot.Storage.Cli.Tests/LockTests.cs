using Aot.Storage.Cli.Demo;
using Aot.Storage.Cli.Tests.Support;

namespace Aot.Storage.Cli.Tests;

public sealed class LockTests : IDisposable
{
    private readonly CliSandbox _sandbox = new();
    private readonly string _podId = SampleState.PodId(1);

    public LockTests()
    {
        _sandbox.Demo(pods: 1, containers: 1);
    }

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public void Lock_ExitsWithTheCommandsExitCode()
    {
        CliResult result = _sandbox.Run("lock", _podId, "--", "sh", "-c", "exit 7");

        Assert.Equal(7, result.ExitCode);
        Assert.Equal(string.Empty, result.Stderr);
    }

    [Fact]
    public void Lock_Success_IsZero_AndTheCommandRuns()
    {
        string marker = Path.Combine(_sandbox.Root, "ran");

        CliResult result = _sandbox.Run("lock", _podId, "--", "sh", "-c", "echo \"$0 $1\" > \"$2\"", "a b", "c", marker);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("a b c\n", File.ReadAllText(marker));
    }

    [Fact]
    public void Lock_HoldsTheExclusiveLockWhileTheCommandRuns()
    {
        string lockPath = _sandbox.LockPath(_podId);
        string script = $"flock -n -s '{lockPath}' true; echo $? > '{_sandbox.Root}/shared'; flock -n -x '{lockPath}' true; echo $? > '{_sandbox.Root}/exclusive'";

        CliResult result = _sandbox.Run("lock", _podId, "--", "sh", "-c", script);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("1\n", File.ReadAllText(Path.Combine(_sandbox.Root, "shared")));
        Assert.Equal("1\n", File.ReadAllText(Path.Combine(_sandbox.Root, "exclusive")));
        using FlockHolder after = FlockHolder.Hold(lockPath, exclusive: true);
    }

    [Fact]
    public void Lock_Shared_LetsOtherReadersIn_ButNotWriters()
    {
        string lockPath = _sandbox.LockPath(_podId);
        string script = $"flock -n -s '{lockPath}' true; echo $? > '{_sandbox.Root}/shared'; flock -n -x '{lockPath}' true; echo $? > '{_sandbox.Root}/exclusive'";

        CliResult result = _sandbox.Run("lock", _podId, "--shared", "--", "sh", "-c", script);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("0\n", File.ReadAllText(Path.Combine(_sandbox.Root, "shared")));
        Assert.Equal("1\n", File.ReadAllText(Path.Combine(_sandbox.Root, "exclusive")));
    }

    [Fact]
    public void Lock_WhileFlockHoldsIt_TimesOutWithExit5_AndDoesNotRunTheCommand()
    {
        string marker = Path.Combine(_sandbox.Root, "ran");
        using FlockHolder holder = FlockHolder.Hold(_sandbox.LockPath(_podId), exclusive: true);

        CliResult result = _sandbox.Run("lock", _podId, "--timeout", "0.3", "--", "touch", marker);

        Assert.Equal(5, result.ExitCode);
        Assert.Equal(
            $"aot-storage: Timed out after 300 ms waiting for the exclusive pod lock (pod '{_podId}', path '{_sandbox.LockPath(_podId)}')",
            Assert.Single(result.ErrorLines));
        Assert.False(File.Exists(marker));
    }

    [Fact]
    public void Lock_Shared_WhileFlockHoldsASharedLock_DoesNotWait()
    {
        using FlockHolder holder = FlockHolder.Hold(_sandbox.LockPath(_podId), exclusive: false);

        CliResult result = _sandbox.Run("lock", _podId, "--shared", "--timeout", "0", "--", "true");

        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public void Put_WhileFlockHoldsTheLock_TimesOutWithExit5_AndWritesNothing()
    {
        using FlockHolder holder = FlockHolder.Hold(_sandbox.LockPath(_podId), exclusive: false);
        TreeSnapshot before = _sandbox.Snapshot();

        CliResult result = _sandbox.RunWithInput("{\"state\":\"paused\"}", "put", _podId, "state", "--timeout", "0.2");

        Assert.Equal(5, result.ExitCode);
        before.AssertEqual(_sandbox.Snapshot());
    }

    [Fact]
    public void Lock_MissingPod_IsNotFound()
    {
        CliResult result = _sandbox.Run("lock", "nopod", "--", "true");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("pod 'nopod'", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public void Lock_CommandNotFound_Is127()
    {
        CliResult result = _sandbox.Run("lock", _podId, "--", "/nonexistent/command");

        Assert.Equal(127, result.ExitCode);
        Assert.Equal($"aot-storage: cannot run '/nonexistent/command': No such file or directory (pod '{_podId}')", Assert.Single(result.ErrorLines));
    }

    [Fact]
    public void Lock_CommandKilledByASignal_Is128PlusTheSignal()
    {
        CliResult result = _sandbox.Run("lock", _podId, "--", "sh", "-c", "kill -TERM $$");

        Assert.Equal(128 + 15, result.ExitCode);
    }

    [Fact]
    public void Lock_WithoutCommand_IsAUsageError()
    {
        CliResult result = _sandbox.Run("lock", _podId);

        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.ErrorLines);
    }

    [Fact]
    public void Lock_BadTimeout_IsAUsageError()
    {
        foreach (string value in new[] { "-1", "abc", "NaN", "1e99" })
        {
            CliResult result = _sandbox.Run("lock", _podId, "--timeout", value, "--", "true");
            Assert.Equal(2, result.ExitCode);
            Assert.Contains("--timeout", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        }
    }
}
