using System.CommandLine;
using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.InteropServices;
using Aot.Storage.Cli.Infrastructure;

namespace Aot.Storage.Cli.Commands;

/// <summary>
/// <c>lock POD [--shared] [--timeout SECONDS] -- COMMAND [ARGS...]</c>: runs a command while holding the pod
/// lock, like <c>flock(1)</c> on the pod's lock file, and exits with the command's exit code.
/// </summary>
/// <remarks>
/// The command inherits standard input, output and error, but not the lock's descriptor (it is close-on-exec),
/// so the lock is released when this process ends, not when a daemonized grandchild does. While the command
/// runs, SIGINT and SIGQUIT are left to it (the terminal sends them to both) and SIGTERM and SIGHUP are passed
/// on to it; the exit code of a command killed by a signal is 128 plus the signal number. A command that cannot
/// be found exits 127, one that cannot be run 126, as in the shell.
/// </remarks>
internal static class LockCommand
{
    private const int CommandNotFound = 127;
    private const int CommandNotExecutable = 126;
    private const int Enoent = 2;

    public static Command Create(CliApp app)
    {
        var pod = new Argument<string>("POD") { Description = "Pod ID." };
        var commandLine = new Argument<string[]>("COMMAND") { Description = "The command and its arguments (put them after '--').", Arity = ArgumentArity.OneOrMore };
        var shared = new Option<bool>("--shared") { Description = "Take the shared (reader) lock instead of the exclusive one." };
        var timeout = CommonOptions.LockTimeout("Give up after this many seconds (exit 5); default: wait as long as it takes.");
        var command = new Command("lock", "Run a command while holding the pod lock (like flock(1)) and exit with its exit code.")
        {
            pod,
            commandLine,
            shared,
            timeout,
        };
        command.SetAction(parseResult => app.Guard(() => Execute(
            app,
            app.OpenStore(parseResult),
            parseResult.GetValue(pod)!,
            parseResult.GetValue(commandLine)!,
            parseResult.GetValue(shared) ? PodLockMode.Shared : PodLockMode.Exclusive,
            parseResult.GetValue(timeout) ?? Timeout.InfiniteTimeSpan)));
        return command;
    }

    private static int Execute(CliApp app, StoreContext context, string podId, string[] commandLine, PodLockMode mode, TimeSpan timeout)
    {
        if (commandLine.Length == 0 || commandLine[0].Length == 0)
        {
            throw new UsageException("lock needs a command to run");
        }

        using IPodLock held = context.Store.LockPod(podId, mode, timeout);
        var startInfo = new ProcessStartInfo(commandLine[0]) { UseShellExecute = false };
        for (int i = 1; i < commandLine.Length; i++)
        {
            startInfo.ArgumentList.Add(commandLine[i]);
        }

        // What was printed so far comes before anything the command prints.
        app.Output.Flush();
        Process child;
        try
        {
            child = Process.Start(startInfo) ?? throw new Win32Exception(Enoent);
        }
        catch (Win32Exception ex)
        {
            string reason = Marshal.GetPInvokeErrorMessage(ex.NativeErrorCode);
            app.Error.WriteLine(ErrorReporting.Describe(new Win32Exception(ex.NativeErrorCode, $"cannot run '{commandLine[0]}': {reason} (pod '{podId}')")));
            return ex.NativeErrorCode == Enoent ? CommandNotFound : CommandNotExecutable;
        }

        using (child)
        using (ForwardSignals(child))
        {
            child.WaitForExit();
            return child.ExitCode;
        }
    }

    private static CompositeDisposable ForwardSignals(Process child)
    {
        int pid = child.Id;
        return new CompositeDisposable(
            PosixSignalRegistration.Create(PosixSignal.SIGINT, context => context.Cancel = true),
            PosixSignalRegistration.Create(PosixSignal.SIGQUIT, context => context.Cancel = true),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
            {
                context.Cancel = NativeSignals.Send(pid, NativeSignals.SigTerm);
            }),
            PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
            {
                context.Cancel = NativeSignals.Send(pid, NativeSignals.SigHup);
            }));
    }

    private sealed class CompositeDisposable(params IDisposable[] items) : IDisposable
    {
        public void Dispose()
        {
            foreach (IDisposable item in items)
            {
                item.Dispose();
            }
        }
    }
}
