using System.Globalization;

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

internal static class PodLockModeNames
{
    /// <summary>
    /// <c>mode.ToString()</c> for messages and log events. Formatting (or boxing) the enum itself would keep
    /// the general enum formatter and the names of every enum in a NativeAOT binary.
    /// </summary>
    public static string Name(this PodLockMode mode) => mode switch
    {
        PodLockMode.Shared => "Shared",
        PodLockMode.Exclusive => "Exclusive",
        _ => ((int)mode).ToString(CultureInfo.InvariantCulture),
    };
}
