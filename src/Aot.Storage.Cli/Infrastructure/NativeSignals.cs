using System.Runtime.InteropServices;

namespace Aot.Storage.Cli.Infrastructure;

/// <summary><c>kill(2)</c>, to pass a termination signal on to the command that <c>lock</c> runs.</summary>
internal static partial class NativeSignals
{
    public const int SigHup = 1;
    public const int SigTerm = 15;

    /// <summary>Sends <paramref name="signal"/> to <paramref name="pid"/>; false if it could not be sent (the process is gone).</summary>
    public static bool Send(int pid, int signal) => Kill(pid, signal) == 0;

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int Kill(int pid, int signal);
}
