namespace Aot.Storage.Cli;

/// <summary>The exit codes of <c>aot-storage</c>; scripts depend on them.</summary>
public static class ExitCodes
{
    /// <summary>The command did what it was asked.</summary>
    public const int Success = 0;

    /// <summary><c>verify</c> found at least one file that does not parse.</summary>
    public const int VerifyFailed = 1;

    /// <summary>The command line is wrong: unknown command or option, missing or extra arguments, a resource
    /// name that does not exist or is given at a scope it does not have.</summary>
    public const int Usage = 2;

    /// <summary>The pod, container or resource (or the input file) does not exist.</summary>
    public const int NotFound = 3;

    /// <summary>An invalid pod or container ID, input that is not valid JSON of the resource's shape, or a
    /// stored file that does not parse.</summary>
    public const int InvalidInput = 4;

    /// <summary>The pod lock was not obtained within the timeout.</summary>
    public const int LockTimeout = 5;

    /// <summary>Any other I/O error.</summary>
    public const int IOError = 6;
}
