namespace Aot.Storage.Cli.Infrastructure;

/// <summary>A command line that is well-formed for the parser but wrong for the command (exit code 2).</summary>
internal sealed class UsageException : Exception
{
    public UsageException(string message)
        : base(message)
    {
    }
}

/// <summary>Input given to <c>put</c> that is not valid JSON of the resource's shape (exit code 4).</summary>
internal sealed class InvalidInputException : Exception
{
    public InvalidInputException(string message, long byteOffset, Exception? innerException = null)
        : base(message, innerException)
    {
        ByteOffset = byteOffset;
    }

    public long ByteOffset { get; }
}
