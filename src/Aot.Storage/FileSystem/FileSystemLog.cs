using Microsoft.Extensions.Logging;

namespace Aot.Storage.FileSystem;

/// <summary>The engine's log events (source-generated, no allocation when the level is off).</summary>
internal static partial class FileSystemLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Stored {Resource} of pod {PodId}, container {ContainerId}: {ByteCount} bytes")]
    public static partial void Stored(ILogger logger, string resource, string podId, string? containerId, int byteCount);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "Fetched {Resource} of pod {PodId}, container {ContainerId}: {ByteCount} bytes")]
    public static partial void Fetched(ILogger logger, string resource, string podId, string? containerId, int byteCount);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "Deleted {Resource} of pod {PodId}, container {ContainerId}: {Existed}")]
    public static partial void Deleted(ILogger logger, string resource, string podId, string? containerId, bool existed);

    [LoggerMessage(EventId = 4, Level = LogLevel.Debug, Message = "Created pod {PodId}")]
    public static partial void PodCreated(ILogger logger, string podId);

    [LoggerMessage(EventId = 5, Level = LogLevel.Debug, Message = "Created container {ContainerId} of pod {PodId}")]
    public static partial void ContainerCreated(ILogger logger, string podId, string containerId);

    [LoggerMessage(EventId = 6, Level = LogLevel.Debug, Message = "Deleted pod {PodId}: {Existed}")]
    public static partial void PodDeleted(ILogger logger, string podId, bool existed);

    [LoggerMessage(EventId = 7, Level = LogLevel.Debug, Message = "Deleted container {ContainerId} of pod {PodId}: {Existed}")]
    public static partial void ContainerDeleted(ILogger logger, string podId, string containerId, bool existed);

    // The lock mode goes to the logger as its name: a boxed enum argument would keep the general enum
    // formatter (and every enum's names) in NativeAOT binaries. The text of the message is the same.
    public static void Locked(ILogger logger, string podId, PodLockMode mode, long elapsedMilliseconds) =>
        LockedCore(logger, podId, mode.Name(), elapsedMilliseconds);

    public static void Unlocked(ILogger logger, string podId, PodLockMode mode) => UnlockedCore(logger, podId, mode.Name());

    [LoggerMessage(EventId = 8, EventName = "Locked", Level = LogLevel.Debug, Message = "Locked pod {PodId} ({Mode}) after {ElapsedMilliseconds} ms")]
    private static partial void LockedCore(ILogger logger, string podId, string mode, long elapsedMilliseconds);

    [LoggerMessage(EventId = 9, EventName = "Unlocked", Level = LogLevel.Debug, Message = "Unlocked pod {PodId} ({Mode})")]
    private static partial void UnlockedCore(ILogger logger, string podId, string mode);

    [LoggerMessage(EventId = 10, Level = LogLevel.Debug, Message = "Lock file of pod {PodId} was replaced while it was being locked; locking the new one")]
    public static partial void LockFileReplaced(ILogger logger, string podId);

    [LoggerMessage(EventId = 11, Level = LogLevel.Warning, Message = "Removed stale temporary file {Path} left by an interrupted store ({Reason})")]
    public static partial void StaleTemporaryFileRemoved(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 12, Level = LogLevel.Warning, Message = "Could not remove stale temporary file {Path}: {Error}")]
    public static partial void StaleTemporaryFileNotRemoved(ILogger logger, string path, string error);
}
