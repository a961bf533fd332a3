namespace Aot.Storage;

/// <summary>
/// Base of every error the store throws. Each names the pod, the container (if any), the resource kind
/// and the path it was working on, so that one line of a log says what failed where.
/// </summary>
public abstract class ResourceException : Exception
{
    protected ResourceException(string message, string? podId, string? containerId, string? resource, string? path, Exception? innerException)
        : base(Describe(message, podId, containerId, resource, path), innerException)
    {
        Reason = message;
        PodId = podId;
        ContainerId = containerId;
        Resource = resource;
        Path = path;
    }

    /// <summary>The message without the pod/container/resource/path context.</summary>
    public string Reason { get; }

    public string? PodId { get; }

    public string? ContainerId { get; }

    /// <summary>Kind name (<c>config</c>, <c>devices</c>), if the error concerns one resource.</summary>
    public string? Resource { get; }

    public string? Path { get; }

    private static string Describe(string message, string? podId, string? containerId, string? resource, string? path)
    {
        var context = new List<string>(4);
        if (podId is not null)
        {
            context.Add($"pod '{podId}'");
        }

        if (containerId is not null)
        {
            context.Add($"container '{containerId}'");
        }

        if (resource is not null)
        {
            context.Add($"resource '{resource}'");
        }

        if (path is not null)
        {
            context.Add($"path '{path}'");
        }

        return context.Count == 0 ? message : $"{message} ({string.Join(", ", context)})";
    }
}

/// <summary>The resource file (or pod, or container) does not exist.</summary>
public sealed class ResourceNotFoundException : ResourceException
{
    public ResourceNotFoundException(string message, string? podId, string? containerId, string? resource, string? path, Exception? innerException = null)
        : base(message, podId, containerId, resource, path, innerException)
    {
    }
}

/// <summary>The stored file does not parse into the model; <see cref="ByteOffset"/> says where.</summary>
public sealed class CorruptResourceException : ResourceException
{
    public CorruptResourceException(string message, long byteOffset, string? podId, string? containerId, string? resource, string? path, Exception? innerException = null)
        : base(message, podId, containerId, resource, path, innerException)
    {
        ByteOffset = byteOffset;
    }

    public long ByteOffset { get; }
}

/// <summary>A pod or container ID that the store refuses (bad characters, too long, reserved name),
/// or an address that the kind does not allow.</summary>
public sealed class InvalidResourceIdException : ResourceException
{
    public InvalidResourceIdException(string message, string? podId, string? containerId, string? resource, string? path = null)
        : base(message, podId, containerId, resource, path, null)
    {
    }
}

/// <summary>The pod lock was not obtained within the timeout.</summary>
public sealed class LockTimeoutException : ResourceException
{
    public LockTimeoutException(string message, string podId, string? path, TimeSpan timeout)
        : base(message, podId, null, null, path, null)
    {
        Timeout = timeout;
    }

    public TimeSpan Timeout { get; }
}

/// <summary>
/// The pod lock was asked for on a thread that already holds a conflicting lock on the same pod, in the same flow
/// of execution (a nested call, directly or through an <c>Update</c> helper). flock locks belong to an open file
/// description, so that request would wait for its own lock; it fails at once instead. Two shared locks do not
/// conflict and are both granted.
/// </summary>
public sealed class PodLockRecursionException : ResourceException
{
    public PodLockRecursionException(string message, string podId, string? path, PodLockMode heldMode, PodLockMode requestedMode)
        : base(message, podId, null, null, path, null)
    {
        HeldMode = heldMode;
        RequestedMode = requestedMode;
    }

    /// <summary>How this flow already holds the pod lock.</summary>
    public PodLockMode HeldMode { get; }

    public PodLockMode RequestedMode { get; }
}

/// <summary>The operating system refused an operation; <see cref="ErrorNumber"/> is the errno.</summary>
public sealed class ResourceIOException : ResourceException
{
    public ResourceIOException(string message, int errorNumber, string? podId, string? containerId, string? resource, string? path, Exception? innerException = null)
        : base(message, podId, containerId, resource, path, innerException)
    {
        ErrorNumber = errorNumber;
    }

    public int ErrorNumber { get; }
}
