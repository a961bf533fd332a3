namespace Aot.Storage;

/// <summary>How a pod lock is held: shared by readers, exclusive for writers (Go's <c>rLockPod</c>/<c>rwLockPod</c>).</summary>
public enum PodLockMode
{
    Shared = 0,
    Exclusive = 1,
}

/// <summary>A held pod lock; disposing it releases the lock.</summary>
public interface IPodLock : IDisposable
{
    string PodId { get; }

    PodLockMode Mode { get; }
}
