using System.ComponentModel;

namespace Aot.Storage.Cli.Infrastructure;

/// <summary>The one mapping from what went wrong to an exit code and a one-line message.</summary>
internal static class ErrorReporting
{
    /// <summary>The exit code of <paramref name="exception"/>, or <see langword="null"/> for an exception
    /// that is a bug and must not be reported as if it were an ordinary failure.</summary>
    public static int? ExitCodeOf(Exception exception) => exception switch
    {
        UsageException => ExitCodes.Usage,
        ResourceNotFoundException => ExitCodes.NotFound,
        InvalidResourceIdException or CorruptResourceException or InvalidInputException => ExitCodes.InvalidInput,
        LockTimeoutException => ExitCodes.LockTimeout,
        ResourceIOException => ExitCodes.IOError,
        FileNotFoundException or DirectoryNotFoundException => ExitCodes.NotFound,
        IOException or UnauthorizedAccessException => ExitCodes.IOError,
        _ => null,
    };

    /// <summary>The line written to standard error: the program's name and the message, control characters escaped.</summary>
    public static string Describe(Exception exception) => "aot-storage: " + Text.OneLine(exception switch
    {
        // Names the pod, container, resource and path already.
        ResourceException resource => resource.Message,
        Win32Exception win32 => win32.Message,
        _ => exception.Message,
    });

    public static string DescribeUsage(string message) => "aot-storage: " + Text.OneLine(message) + " (see 'aot-storage --help')";
}
